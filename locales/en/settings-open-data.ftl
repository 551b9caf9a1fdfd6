# /settings: the public open-books page and the DFC read tokens
settings-line-page = Public open-books page and DFC catalogue: { $value }
settings-line-tokens = DFC read tokens for other co-ops' software: { $count } live
settings-button-page-on = 📊 Public page: turn on
settings-button-page-off = 📊 Public page: turn off
settings-button-token-issue = 🔑 Issue a DFC read token
settings-button-token-revoke = 🚫 Revoke all tokens
settings-key-publicPage = Public page
settings-key-readTokens = DFC read tokens (live)
settings-token-issued = 🔑 <b>{ $community }</b>: a read token for the buys' orders as DFC JSON-LD. It is shown only this once (only its fingerprint is kept), so copy it now and give it only to the software that needs it:

    <code>{ $token }</code>

    Use it as <code>Authorization: Bearer …</code> on <code>{ $url }</code>. Revoke it in /settings.
settings-token-private-only = A token is shown only in our private chat: open /settings there.
settings-token-already = That token was issued already and is not shown again. Issue a new one if you didn't see it.
settings-token-revoke-confirm = 🚫 <b>{ $community }</b>: revoke { $count ->
    [one] the live read token
   *[other] all { $count } live read tokens
}? Software reading the orders with them gets “401” from now on.
settings-token-revoke-confirm-button = Yes, revoke them all
settings-token-revoked = { $count ->
    [0] No token was live
    [one] 1 token revoked
   *[other] { $count } tokens revoked
}
