#!/usr/bin/env node
// Differential check of MicroFlask's HTTP/1.1 framing against llhttp (Node's parser, strict mode).
//
//   node differential.js TRANSCRIPT_BINARY [count] [seed]
//
// Makes `count` seeded mutations of valid requests and pipelines (the same seed gives the same
// cases), runs each through llhttp (node's internal HTTPParser, no lenient flags) and through the
// codec (TRANSCRIPT_BINARY, Fuzz/Sources/CodecTranscript), and compares the messages each
// completes (method, target, body bytes) and how the stream ends (idle, incomplete, closed,
// rejected). Disagreements are grouped; the ones docs/RELIABILITY.md lists as deliberate are
// counted but allowed, any other fails the run (exit 1). 127.0.0.1 is not even needed: no sockets.
'use strict';
const { HTTPParser, methods } = require('_http_common');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [binary, countArg, seedArg] = process.argv.slice(2);
if (!binary) { console.error('usage: differential.js TRANSCRIPT_BINARY [count] [seed]'); process.exit(2); }
const count = Number(countArg || 5000);
let seed = Number(seedArg || 1) >>> 0;

// mulberry32: a small seeded generator, so a case number reproduces.
function random() {
    seed = (seed + 0x6D2B79F5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const below = (n) => Math.floor(random() * n);

const bases = [
    'GET / HTTP/1.1\r\nHost: a\r\n\r\n',
    'GET /path?x=1&y=%20 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n',
    'POST /form HTTP/1.1\r\nHost: a\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2',
    'POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n',
    'POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: yes\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n',
    'PUT /u HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabcDELETE /d HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n',
    'GET /old HTTP/1.0\r\n\r\n',
    'GET /ka HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /next HTTP/1.0\r\n\r\n',
    'GET /close HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n',
    'PATCH /p HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok',
];
const bytesOf = (s) => Buffer.from(s, 'latin1');
const headerLines = [
    'Content-Length: 5', 'Content-Length: +5', 'Content-Length: 5, 5', 'Content-Length: 05', 'Content-Length:',
    'Content-Length: 99999999999999999999', 'Content-Length: -1', 'Content-Length: 0x5', 'Content-Length:  3 ',
    'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: chunked, gzip',
    'Transfer-Encoding: identity', 'Transfer-Encoding: Chunked', 'Transfer-Encoding:  chunked ',
    'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked', 'Transfer-Encoding: xchunked',
    ' folded', '\tfolded', 'X: a\rb', 'X : a', 'X\t: a', ': a', 'X', 'X:', 'X: \x7f', 'X: \x80\xff', 'X: a\x00b',
    'Host: b', 'Connection: close', 'Connection: keep-alive', 'Connection: upgrade', 'Expect: 100-continue',
    'Expect: nope', 'Content-Type: text/plain', 'X@: a', 'X{}: a', 'Cookie: a=b',
];
const chunkSizes = ['5 ', '05', '0x5', '5;', '5;a', '5;a=', '5;a="b', '5;a="b"', '-5', 'fffffffffffffffffff',
    '5\t;x', '5 ;x', ' 5', '5;a=b c', '5;=b', 'A', 'a', '+5', '5\r', '5\n'];
const versions = ['HTTP/1.0', 'HTTP/2.0', 'HTTP/1.10', 'http/1.1', 'HTTP/1.1 ', 'HTTP/1.', 'HTTP/01.1', 'HTTP/1.9',
    'HTTP/3', 'HTP/1.1'];
const interesting = [' ', '\t', '\r', '\n', '\r\n', ':', ';', ',', '0', '9', 'a', 'Z', '\x00', '\x7f', '\x80', '\xff',
    '"', '\\', '#', '%', '=', '/', '?', '\x0b', '\x0c'];

function mutate(buf) {
    let s = buf.toString('latin1');
    const steps = 1 + below(3);
    const applied = [];
    for (let i = 0; i < steps; i++) {
        const kind = below(9);
        const at = below(s.length + 1);
        switch (kind) {
        case 0: { const c = pick(interesting); s = s.slice(0, at) + c + s.slice(at + 1); applied.push('replace'); break; }
        case 1: { const c = pick(interesting); s = s.slice(0, at) + c + s.slice(at); applied.push('insert'); break; }
        case 2: { s = s.slice(0, at) + s.slice(at + 1 + below(3)); applied.push('delete'); break; }
        case 3: { // a header line after one of the head's line ends
            const ends = [...s.matchAll(/\r\n/g)].map((m) => m.index).filter((i) => i < s.indexOf('\r\n\r\n') || s.indexOf('\r\n\r\n') < 0);
            if (ends.length === 0) break;
            const e = pick(ends);
            s = s.slice(0, e + 2) + pick(headerLines) + '\r\n' + s.slice(e + 2);
            applied.push('header');
            break;
        }
        case 4: { // a line ending changed
            const ends = [...s.matchAll(/\r\n/g)].map((m) => m.index);
            if (ends.length === 0) break;
            const e = pick(ends);
            s = s.slice(0, e) + pick(['\n', '\r', '\n\r', '\r\r\n', '\r\n\r\n']) + s.slice(e + 2);
            applied.push('eol');
            break;
        }
        case 5: { // a chunk size line changed
            const m = [...s.matchAll(/\r\n([0-9a-f]+)(;[^\r]*)?\r\n/g)].filter((x) => s.slice(0, x.index).includes('chunked'));
            if (m.length === 0) break;
            const x = pick(m);
            s = s.slice(0, x.index + 2) + pick(chunkSizes) + s.slice(x.index + 2 + x[1].length);
            applied.push('chunk-size');
            break;
        }
        case 6: { s = s.replace(/HTTP\/1\.[01]/, pick(versions)); applied.push('version'); break; }
        case 7: { // the method or target changed
            const sp = s.indexOf(' ');
            if (sp < 0) break;
            const p = below(sp + 12);
            s = s.slice(0, p) + pick(interesting.concat(['é', '\x01', '~', '|', '<', '['])) + s.slice(p);
            applied.push('request-line');
            break;
        }
        case 8: { // the stream cut short
            s = s.slice(0, at);
            applied.push('truncate');
            break;
        }
        }
    }
    return { bytes: Buffer.from(s, 'latin1'), applied };
}

function llhttp(bytes) {
    const p = new HTTPParser();
    p.initialize(HTTPParser.REQUEST, {}, 0, 0);
    const messages = [];
    const versions = [];
    let body = [];
    let url = '';
    let method = '';
    let keepAlive = true;
    let inMessage = false;
    let closed = false;
    let upgrade = false;
    let headersDone = false;
    let version = '';
    p[HTTPParser.kOnMessageBegin] = () => { inMessage = true; body = []; url = ''; headersDone = false; };
    // Called for long heads before they complete, and for trailers (with the URL again).
    p[HTTPParser.kOnHeaders] = (headers, u) => { if (!headersDone) url += u || ''; };
    p[HTTPParser.kOnHeadersComplete] = (maj, min, headers, m, u, sc, sm, up, ka) => {
        method = methods[m]; url = u || url; keepAlive = ka; upgrade = up; headersDone = true;
        version = `${maj}.${min}`;
        return 0;
    };
    p[HTTPParser.kOnBody] = (b) => { body.push(Buffer.from(b)); };
    p[HTTPParser.kOnMessageComplete] = () => {
        if (closed) return;
        messages.push(`${method} ${Buffer.from(url, 'latin1').toString('hex')} ${Buffer.concat(body).toString('hex')}`);
        versions.push(version);
        inMessage = false;
        if (!keepAlive) closed = true;
    };
    const result = p.execute(bytes);
    let end;
    if (closed) end = 'closed';
    else if (upgrade) end = 'upgrade';
    else if (result instanceof Error) end = `error ${result.code}`;
    else end = inMessage ? 'incomplete' : 'idle';
    p.close?.();
    return { messages, end, versions };
}

const cases = [];
for (let i = 0; i < count; i++) {
    const base = bytesOf(pick(bases));
    cases.push(i < bases.length ? { bytes: bytesOf(bases[i]), applied: ['none'] } : mutate(base));
}
const file = path.join(os.tmpdir(), `microflask-differential-${process.pid}.bin`);
fs.writeFileSync(file, Buffer.concat(cases.flatMap((c) => [Buffer.from(`${c.bytes.length}\n`), c.bytes])));
// Leak checking off: Foundation's FileHandle keeps its buffer at exit (not the codec's).
const env = { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' };
const swiftLines = execFileSync(binary, { input: fs.readFileSync(file), maxBuffer: 1 << 28, env })
    .toString().split('\n');
fs.unlinkSync(file);

// Deliberate differences (docs/RELIABILITY.md, "Differential check"), each with the rule behind
// it. A rule gets the case, llhttp's transcript and the codec's, and says whether it explains the
// disagreement. `next` is the first message the two do not share.
const llhttpMethods = new Set(methods);
const deliberate = [
    ['late-rejection', 'the codec validates a head when its blank line arrives (bounded by maxHeaderSize and the '
        + 'header timeout); llhttp rejects at the first bad byte. Neither answers the request.',
    (c, l, s) => l.end.startsWith('error') && s.end === 'incomplete head' && same(l.messages, s.messages)],
    ['host-required', 'RFC 9112 3.2: a server MUST answer 400 to an HTTP/1.1 request without exactly one Host '
        + '(llhttp leaves that to its user).',
    (c, l, s) => /error 400 (HTTP\/1\.1 requests must have a Host header|More than one Host header)/.test(s.end)],
    ['method-token', 'RFC 9110 9.1: a method is any token and the set is extensible (an unknown one gets 405 or 501 '
        + 'from the app); llhttp knows a fixed list.',
    (c, l, s) => l.end === 'error HPE_INVALID_METHOD' && wentFurther(l, s)
        && (requestLines(c.text).some(([method]) => !llhttpMethods.has(method))
            // A body's length can end mid-line, so the codec's next method is a line's tail
            // ("ET" of "\r\nGET"): what the codec read is the method llhttp refused.
            || s.messages.slice(l.messages.length).some((m) => !llhttpMethods.has(m.split(' ')[0])))],
    ['http09', 'HTTP/0.9 requests (no version) are not HTTP/1.x (RFC 9112 2.3, Appendix C.1): 400; llhttp '
        + 'parses them.',
    (c, l, s) => s.end.startsWith('error 400 The request line must be')
        && (l.versions.slice(s.messages.length).includes('0.9') || l.end === 'incomplete')],
    ['major-version', 'RFC 9110 15.6.6: 505 for a major version the server does not support (HTTP/2.0 in an '
        + 'HTTP/1.1 stream); llhttp parses 2.0 like 1.1.',
    (c, l, s) => s.end.startsWith('error 505') && /HTTP\/(?!1\.)\d\.\d\r?\n/.test(c.text)],
    ['minor-version', 'RFC 9112 2.3: HTTP/1.x with a higher minor version is answered as 1.1; llhttp rejects '
        + 'minor versions other than 0 and 1.',
    (c, l, s) => l.end === 'error HPE_INVALID_VERSION' && wentFurther(l, s) && /HTTP\/1\.[2-9]\r?\n/.test(c.text)],
    ['content-length-list', 'RFC 9110 8.6: a Content-Length list or repeated field of identical values may be '
        + 'taken as that value; llhttp rejects any list or repeat.',
    (c, l, s) => ['error HPE_INVALID_CONTENT_LENGTH', 'error HPE_UNEXPECTED_CONTENT_LENGTH'].includes(l.end)
        && wentFurther(l, s) && identicalLengths(c.text)],
    ['chunk-bws', 'RFC 9112 7.1.1: whitespace (BWS) may precede a chunk extension\'s ";"; llhttp rejects it.',
    (c, l, s) => l.end === 'error HPE_INVALID_CHUNK_SIZE' && /\r\n[0-9a-fA-F]+[ \t]+;/.test(c.text)
        && !s.end.startsWith('error')],
    ['transfer-coding-501', 'RFC 9112 6.1: a server SHOULD answer 501 to a transfer coding it does not implement '
        + '(gzip or identity before chunked; "identity" is no longer a transfer coding, RFC 9112 7); llhttp only '
        + 'frames the body and leaves the coding to its user.',
    // The codec stops at that message, so what llhttp makes of the bytes after it does not matter.
    (c, l, s) => /^error 501 Transfer codings other than chunked/.test(s.end)
        && same(l.messages.slice(0, s.messages.length), s.messages)
        && /\r\nTransfer-Encoding:[ \t]*(?!chunked[ \t]*\r)[^\r\n]/i.test(c.text)],
    ['transfer-encoding-http10', 'RFC 9112 6.1: an HTTP/1.0 message with Transfer-Encoding MUST be treated as '
        + 'having faulty framing; the codec answers 400, llhttp decodes it.',
    (c, l, s) => s.end === 'error 400 Transfer-Encoding is not allowed in HTTP/1.0.'],
    ['fragment', 'RFC 9112 3.2: no request-target form has a fragment; a "#" would let the path and the query '
        + 'mean different things to different parsers. llhttp passes it through.',
    (c, l, s) => s.end === "error 400 The request target contains '#'."],
    ['request-line-spaces', 'RFC 9112 3: method, target and version are separated by exactly one SP; lenient '
        + 'word splitting invites smuggling (RFC 9112 3, last paragraph). llhttp skips extra spaces.',
    (c, l, s) => /^error 400 The request line (must|has)/.test(s.end) && /^[^\r\n]*  /m.test(c.text)],
    ['asterisk-form', 'RFC 9112 3.2.4: the asterisk-form is "*" alone; llhttp takes "*/" or "*:" as a URL.',
    (c, l, s) => s.end === "error 400 The request target must start with '/'." && /^OPTIONS \*\S/m.test(c.text)],
    ['leading-cr', 'RFC 9112 2.2 lets a server ignore empty lines before a request line; the codec skips any CR '
        + 'or LF there, so "\\rET / HTTP/1.1" is method ET (answered 405 or 404 by the app). llhttp rejects it. '
        + 'Harmless for framing; listed rather than fixed.',
    (c, l, s) => l.end === 'error HPE_INVALID_METHOD' && /^\r[^\n]/.test(c.text)],
    ['chunk-ext-name', 'RFC 9112 7.1.1: a chunk extension name is a token, so ";=b" is malformed; llhttp '
        + 'accepts the empty name.',
    (c, l, s) => s.end === 'error 400 A chunk extension has no valid name.' && !l.end.startsWith('error')],
    ['chunk-ext-bws', 'RFC 9112 7.1.1: BWS may surround a chunk extension\'s ";" and "="; llhttp rejects the '
        + 'whitespace.',
    (c, l, s) => l.end === 'error HPE_STRICT' && wentFurther(l, s) && /;[ \t]|=[ \t]|[ \t]=/.test(c.text)],
    ['connection-close-wins', 'RFC 9112 9.6: "close" in Connection means the connection closes after this '
        + 'message, whatever else the field lists; llhttp lets a later keep-alive win in HTTP/1.0.',
    // llhttp goes on past the message: it completes more, or waits for the rest of the next one.
    (c, l, s) => s.end === 'closed' && (l.end !== 'closed' || l.messages.length > s.messages.length) && same(l.messages.slice(0, s.messages.length), s.messages)
        && /\r\nConnection: close\r\n/i.test(c.text)],
    ['body-too-large', 'RFC 9110 15.5.14: a Content-Length over the body limit (16 MiB by default, '
        + 'HTTPLimits.maxBodySize) is answered 413 as soon as the head arrives, and the connection closes; llhttp '
        + 'waits for the body.',
    (c, l, s) => s.end.startsWith('error 413') && same(l.messages.slice(0, s.messages.length), s.messages)
        && [...c.text.matchAll(/\r\nContent-Length:[ \t]*(\d+)/gi)].some((m) => Number(m[1]) > 16 * 1024 * 1024)],
    ['early-bare-lf', 'RFC 9112 2.2: a bare LF line ending is refused (400) as soon as it arrives; llhttp waits for '
        + 'more of the line.',
    (c, l, s) => s.end === 'error 400 A line ends with a bare LF; lines must end with CRLF.' && !l.end.startsWith('error')],
    ['chunk-ext-value', 'RFC 9112 7.1.1: a chunk extension value is a token (one or more characters) or a '
        + 'quoted string, so "a=" is malformed; llhttp accepts the empty value.',
    (c, l, s) => s.end === 'error 400 A chunk extension value is neither a token nor a quoted string.'
        && !l.end.startsWith('error')],
];
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** Whether the codec completed more messages than llhttp, or did not reject the stream. */
const wentFurther = (l, s) => s.messages.length > l.messages.length || !s.end.startsWith('error');
/** [method, target] of every line that looks like a request line. */
function requestLines(text) {
    // Not anchored to a line start: after a body a request may start mid-line.
    return [...text.matchAll(/([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\//g)].map((m) => [m[1], m[2]]);
}
/** Whether every message's Content-Length values (fields and list items) are one number each. */
function identicalLengths(text) {
    return text.split(/\r\n\r\n/).every((head) => {
        const values = [...head.matchAll(/\r\nContent-Length:([^\r\n]*)/gi)]
            .flatMap((m) => m[1].split(',').map((v) => v.trim()));
        return values.length < 2 || values.every((v) => /^\d+$/.test(v) && Number(v) === Number(values[0]));
    });
}

const groups = new Map();
let agreed = 0;
let allowed = 0;
cases.forEach((c, i) => {
    const l = llhttp(c.bytes);
    const parts = swiftLines[i].split(',');
    const s = { messages: parts.slice(0, -1), end: parts[parts.length - 1] };
    const endKind = (e) => e.split(' ')[0];
    if (same(l.messages, s.messages) && endKind(l.end) === endKind(s.end)) {
        agreed++;
        return;
    }
    c.text = c.bytes.toString('latin1');
    const rule = deliberate.find(([, , explains]) => explains(c, l, s));
    const reason = rule && rule[0];
    const sameMessages = JSON.stringify(l.messages) === JSON.stringify(s.messages);
    const key = `${reason ? 'deliberate ' + reason : 'UNEXPLAINED'}: llhttp ${l.end} / codec ${s.end}`
        + (sameMessages ? '' : ` (messages differ: llhttp ${l.messages.length}, codec ${s.messages.length})`);
    if (reason) allowed++;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push({ i, applied: c.applied.join('+'), text: c.text, llhttp: l, codec: s });
});
console.log(`${count} cases (seed ${seedArg || 1}): ${agreed} agree, ${allowed} differ deliberately, `
    + `${count - agreed - allowed} unexplained`);
const verbose = process.env.VERBOSE === '1';
for (const [key, list] of [...groups.entries()].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${list.length} × ${key}`);
    for (const e of list.slice(0, verbose ? 5 : 1)) {
        console.log(`      case ${e.i} [${e.applied}] ${JSON.stringify(e.text)}`);
        if (verbose) console.log(`        llhttp ${JSON.stringify(e.llhttp)}\n        codec  ${JSON.stringify(e.codec)}`);
    }
}
const fired = new Set([...groups.keys()].filter((k) => k.startsWith('deliberate ')).map((k) => k.split(/[ :]/)[1]));
for (const [name, why] of deliberate.filter(([name]) => fired.has(name))) console.log(`  ${name}: ${why}`);
process.exit(count - agreed - allowed === 0 ? 0 : 1);
