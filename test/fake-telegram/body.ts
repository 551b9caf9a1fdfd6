// Request bodies as the Bot API accepts them: query string, JSON,
// application/x-www-form-urlencoded and multipart/form-data.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, UploadedFile } from "./types";

export type Decoded = {
  /** values: JSON values for JSON bodies, strings for forms / query */
  params: Record<string, unknown>;
  /** multipart file parts by part name (grammY names them and refers to them as attach://name) */
  files: Map<string, UploadedFile>;
};

export const MAX_BODY_BYTES = 55 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > MAX_BODY_BYTES) reject(new ApiError(413, "Request Entity Too Large"));
      else resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new ApiError(0, "the client went away while sending the request", false));
    });
  });
}

export function decodeBody(contentType: string | undefined, body: Buffer, query: URLSearchParams): Decoded {
  const params: Record<string, unknown> = Object.fromEntries(query);
  const files = new Map<string, UploadedFile>();
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (body.length === 0) return { params, files };
  if (type === "application/json") {
    let json: unknown;
    try {
      json = JSON.parse(body.toString("utf8"));
    } catch {
      throw new ApiError(400, "Bad Request: can't parse JSON object");
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new ApiError(400, "Bad Request: JSON object expected");
    }
    Object.assign(params, json);
  } else if (type === "application/x-www-form-urlencoded") {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    if (!boundary) throw new ApiError(400, "Bad Request: multipart boundary is missing");
    parseMultipart(body, (boundary[1] ?? boundary[2]!).trim(), params, files);
  }
  return { params, files };
}

function parseMultipart(body: Buffer, boundary: string, params: Record<string, unknown>, files: Map<string, UploadedFile>) {
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new ApiError(400, "Bad Request: can't parse multipart/form-data body");
  while (true) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === "--") return; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() === "\r\n") pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new ApiError(400, "Bad Request: can't parse multipart/form-data body");
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new ApiError(400, "Bad Request: can't parse multipart/form-data body");
    const headers = body.subarray(pos, headerEnd).toString("utf8").split("\r\n");
    const content = body.subarray(headerEnd + 4, next);
    let disposition = "";
    let partType: string | undefined;
    for (const line of headers) {
      const colon = line.indexOf(":");
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === "content-disposition") disposition = value;
      if (key === "content-type") partType = value;
    }
    const name = /(?:^|;)\s*name="([^"]*)"/i.exec(disposition)?.[1];
    // grammY writes filename=<name> unquoted; browsers quote it
    const filename = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1] ?? /;\s*filename=(.*)$/i.exec(disposition)?.[1];
    if (name !== undefined) {
      if (filename !== undefined) files.set(name, new UploadedFile(filename.trim(), Buffer.from(content), partType));
      else params[name] = content.toString("utf8");
    }
    pos = next + 2;
  }
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
  res.end(json);
}
