# Open data: the co-op's buys in the food-system standard (DFC JSON-LD)

cmd-export_dfc = A buy for other co-ops' software (DFC JSON-LD): /export_dfc <buy>

dfc-usage-export = Usage: /export_dfc <buy number>, e.g. /export_dfc 12
dfc-export-caption = Group buy #{ $id } { $name } as DFC JSON-LD (Data Food Consortium): its sale session, offer and orders; members appear as anonymous IRIs.
dfc-export-sent = I sent group buy #{ $id } as DFC JSON-LD to you privately.
dfc-export-start-private = To get the file, start a private chat with me first, then try again.

cmd-import_dfc = Recommend a product from another co-op's DFC catalogue file
dfc-import-how = Send me another co-op's catalogue as a DFC JSON-LD file (<code>.jsonld</code>) here. I'll start a recommendation with its first product: name, unit, story, producer and price; you then add the producer's contact, the cost breakdown and photos before submitting.
dfc-import-no-community = You're not in a co-op group with this bot yet, so there is nowhere to recommend the product. Join your community's group first.
dfc-import-unreadable = I couldn't read that file as a DFC catalogue (JSON-LD with the DFC context, at most 2 MB). Nothing was changed.
dfc-import-none = That file has no product (dfc-b:SuppliedProduct) with a name. Nothing was changed.
dfc-import-done = Imported <b>{ $name }</b>{ $count ->
    [1] {""}
   *[other] {" "}(the first of { $count } products)
} into a new recommendation draft.
dfc-import-pick-community = Use /recommend to continue the draft: first pick the community it is for.
