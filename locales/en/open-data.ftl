# Open data: the co-op's buys in the food-system standard (DFC JSON-LD)

cmd-export_dfc = A buy for other co-ops' software (DFC JSON-LD): /export_dfc <buy>

dfc-usage-export = Usage: /export_dfc <buy number>, e.g. /export_dfc 12
dfc-export-caption = Group buy #{ $id } { $name } as DFC JSON-LD (Data Food Consortium): its sale session, offer and orders; members appear as anonymous IRIs.
dfc-export-sent = I sent group buy #{ $id } as DFC JSON-LD to you privately.
dfc-export-start-private = To get the file, start a private chat with me first, then try again.
