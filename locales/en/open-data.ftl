# Open data: the co-op's buys in the food-system standard (DFC JSON-LD)

cmd-export_dfc = A buy for other co-ops' software (DFC JSON-LD): /export_dfc <buy>

dfc-usage-export = Usage: /export_dfc <buy number>, e.g. /export_dfc 12
dfc-export-caption = Group buy #{ $id } { $name } as DFC JSON-LD (Data Food Consortium): its sale session, offer and orders; members appear as anonymous IRIs.
dfc-export-sent = I sent group buy #{ $id } as DFC JSON-LD to you privately.
dfc-export-start-private = To get the file, start a private chat with me first, then try again.

cmd-import_dfc = Recommend a product from another co-op's DFC catalogue (a file or its URL)
dfc-import-no-community = You're not in a co-op group with this bot yet, so there is nowhere to recommend the product. Join your community's group first.
dfc-import-unreadable = I couldn't read that file as a DFC catalogue (JSON-LD with the DFC context, at most 2 MB). Nothing was changed.
dfc-import-none = That file has no product (dfc-b:SuppliedProduct) with a name. Nothing was changed.
dfc-import-done = Imported <b>{ $name }</b>{ $count ->
    [1] {""}
   *[other] {" "}(the first of { $count } products)
} into a new recommendation draft.
dfc-import-pick-community = Use /recommend to continue the draft: first pick the community it is for.

# the first question of /recommend, and /import_dfc (recommend/import-step.ts)
dfc-import-button = 📥 Import from another co-op's DFC catalogue
dfc-import-ask =
    <b>Import from a DFC catalogue</b>
    Send me another co-op's catalogue in the food-system standard (Data Food Consortium): the JSON-LD file (<code>.jsonld</code>), or its address (<code>https://…</code>). I'll fill in the product's name, unit, producer, story and price; you then check each and add the producer's contact, the cost breakdown and photos.
dfc-import-error-not-url = That isn't a web address: send one starting with https:// (or http://), or the .jsonld file itself.
dfc-import-error-not-jsonld = That file isn't a catalogue: send a .jsonld (or .json) file, or its address.
dfc-import-error-send = Send the catalogue's .jsonld file or its address (https://…).
dfc-import-too-big = That catalogue is over 2 MB, more than I read. Nothing was changed.
dfc-import-address = I only fetch catalogues from the public internet, and that address is on a private or local network. Send the file instead. Nothing was changed.
dfc-import-unreachable = I couldn't get that address (no answer within 10 seconds, or not found). Check it, or send the file instead. Nothing was changed.
dfc-import-pick = The catalogue has { $count } products{ $more ->
    [yes] {" "}(here are the first { $shown })
   *[no] {""}
}. Which one do you recommend?
dfc-import-filled = Imported <b>{ $name }</b>. Now check each answer: tap “Keep it”, or send a new one.
