# /settings：公开账本页面与 DFC 读取令牌
settings-line-page = 公开账本页面与 DFC 商品目录：{ $value }
settings-line-tokens = 供其他合作社软件使用的 DFC 读取令牌：{ $count } 个有效
settings-button-page-on = 📊 开启公开页面
settings-button-page-off = 📊 关闭公开页面
settings-button-token-issue = 🔑 生成 DFC 读取令牌
settings-button-token-revoke = 🚫 撤销全部令牌
settings-key-publicPage = 公开页面
settings-key-readTokens = DFC 读取令牌（有效）
settings-token-issued = 🔑 <b>{ $community }</b>：用于以 DFC JSON-LD 读取团购订单的令牌。令牌只显示这一次（系统只保存其指纹），请立即复制，并只交给需要它的软件：

    <code>{ $token }</code>

    请求 <code>{ $url }</code> 时加上 <code>Authorization: Bearer …</code>。可在 /settings 撤销。
settings-token-private-only = 令牌只在私聊中显示：请在私聊中打开 /settings。
settings-token-already = 这个令牌已经生成过，不会再次显示。如果没有看到，请重新生成一个。
settings-token-revoke-confirm = 🚫 <b>{ $community }</b>：撤销全部 { $count } 个读取令牌？使用它们读取订单的软件此后会收到 “401”。
settings-token-revoke-confirm-button = 确认撤销全部
settings-token-revoked = { $count ->
    [0] 没有有效的令牌
   *[other] 已撤销 { $count } 个令牌
}
