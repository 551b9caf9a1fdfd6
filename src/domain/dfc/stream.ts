import { DOCUMENT_CONTEXT } from "./context";
import type { JsonLdNode } from "./catalog";

// A JSON-LD document written as it is read: the context, then the @graph's
// nodes batch by batch, in chunks of about `chunkChars`. A 10,000-order buy
// never exists as one object, nor as one string. A batch may hold nodes
// already written as JSON text (sale-session.ts orderJson: the hot path).

export type GraphBatch = (JsonLdNode | string)[];

export async function* jsonLdChunks(batches: AsyncIterable<GraphBatch> | Iterable<GraphBatch>, chunkChars = 64 * 1024): AsyncGenerator<string> {
  let chunk = `{\n"@context": ${JSON.stringify(DOCUMENT_CONTEXT)},\n"@graph": [\n`;
  let first = true;
  for await (const batch of batches) {
    for (const node of batch) {
      chunk += (first ? "" : ",\n") + (typeof node === "string" ? node : JSON.stringify(node));
      first = false;
      if (chunk.length >= chunkChars) {
        yield chunk;
        chunk = "";
      }
    }
  }
  yield `${chunk}\n]\n}\n`;
}
