import { fenToDecimal } from "../money";
import { statementParts, type Statement } from "../statement";
import type { JsonLdNode } from "./catalog";
import { ref } from "./iris";

// A closed buy's settlement statement in the coop: namespace (DFC has no
// terms for open books): what came in, where each fen went, by kind, and the
// check that the parts add up to the revenue. Totals only: no member or
// recommender is named (the group's statement names those on the thanks board).

/** The statement node of a sale session, with `coop:statement` linking it from the session. */
export function statementNode(sessionIri: string, s: Statement, currency: string): { link: Record<string, unknown>; node: JsonLdNode } {
  const iri = `${sessionIri}#statement`;
  const amount = (fen: number) => ({ "coop:amount": fenToDecimal(fen), "coop:currency": currency });
  return {
    link: { "coop:statement": ref(iri) },
    node: {
      "@id": iri,
      "@type": "coop:Statement",
      "coop:orderCount": s.orderCount,
      "coop:quantity": s.quantity,
      "coop:revenue": amount(s.revenueFen),
      "coop:collected": amount(s.collectedFen),
      "coop:outstanding": amount(s.outstandingFen),
      "coop:part": {
        "@list": statementParts(s).map((p) => ({ "@type": "coop:StatementPart", "coop:costKind": p.key, ...amount(p.amountFen) })),
      },
      "coop:refunded": { "coop:orderCount": s.refunds.count, "coop:quantity": s.refunds.quantity, ...amount(s.refunds.amountFen) },
      "coop:balanced": s.balanced,
    },
  };
}
