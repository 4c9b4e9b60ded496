/**
 * Requests Node's HTTP parser refuses before express sees them — a URL or headers over Node's
 * limit (16 KB), a malformed request line — answered in the API's error format. Node's own answer
 * is an empty 431 or 400, which tells a caller nothing.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiError } from '../../api-contract/common';

const REFUSALS: Readonly<Record<string, { readonly status: string; readonly message: string }>> = {
  HPE_HEADER_OVERFLOW: { status: '431 Request Header Fields Too Large', message: 'The request URL or headers are too large (at most 16 KB together): send less in the URL, and large data in the body.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: '408 Request Timeout', message: 'The request took too long to arrive; send it again.' },
};
const MALFORMED = { status: '400 Bad Request', message: 'The request could not be read as HTTP; check the request line and headers.' };

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Nothing can be answered on a connection the client already dropped.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal = (error.code && REFUSALS[error.code]) || MALFORMED;
    const body = JSON.stringify({ error: { code: 'HTTP.BAD_REQUEST', message: refusal.message } } satisfies ApiError);
    socket.end(
      `HTTP/1.1 ${refusal.status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
