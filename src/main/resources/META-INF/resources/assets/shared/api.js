// The one client of the service's API for every page (applicants now, the staff console later).
// Tokens live in sessionStorage only (gone when the tab closes; never localStorage, a cookie or a URL).
// Problems (RFC 9457) become ApiError with the stable slug of their type. Nothing is logged.

export class ApiError extends Error {
  constructor({status = 0, slug, problem = null, retryAfter = null, requestId = null}) {
    super(slug);
    this.status = status;
    this.slug = slug;           // 'network' | 'timeout' | 'server-error' | a problem slug
    this.problem = problem;
    this.retryAfter = retryAfter; // seconds, from Retry-After
    this.requestId = requestId;
  }
}

let offsetMs = 0;
/** Now by the server's clock: the phone's clock corrected by the offset to the last Date header. */
export function serverNow() {
  return Date.now() + offsetMs;
}

function learnServerTime(res, sentAt) {
  const date = res.headers.get('Date');
  const at = date ? Date.parse(date) : NaN;
  if (!Number.isNaN(at)) {
    // The header has whole seconds: assume the middle of that second, at the middle of the round trip.
    offsetMs = at + 500 - (sentAt + Date.now()) / 2;
    synced = true;
  }
}

let synced = false;
/**
 * Learns the server's clock once (again with force): API responses carry no Date header, the
 * static pages do, so this asks for the page's headers (HEAD) unless an API answer had one.
 */
export async function syncServerClock(force = false) {
  if (synced && !force) return;
  const sentAt = Date.now();
  try {
    const res = await fetch('/', {method: 'HEAD', cache: 'no-store', credentials: 'omit'});
    learnServerTime(res, sentAt);
  } catch {
    // offline: the phone's clock it is, until the next page
  }
}

export class Session {
  constructor(key) {
    this.key = key;
    this.onExpired = null; // called once a signed-in request is refused with 401
  }

  get token() {
    try {
      return sessionStorage.getItem(this.key);
    } catch {
      return null;
    }
  }

  set token(value) {
    try {
      if (value) sessionStorage.setItem(this.key, value);
      else sessionStorage.removeItem(this.key);
    } catch {
      // storage refused (private mode): the page still works until it is reloaded
    }
  }

  get signedIn() {
    return !!this.token;
  }

  /** The token's claims (its payload, not verified here: the server checks every request), or null. */
  get claims() {
    return tokenClaims(this.token);
  }

  /**
   * fetch with a timeout; resolves to {status, data, headers} for 2xx, rejects with ApiError.
   * options: {body, headers, auth (default true), timeoutMs}
   */
  async request(method, path, options = {}) {
    const {body, auth = true, timeoutMs = 20000, blob = false} = options;
    const headers = {Accept: 'application/json', ...(options.headers || {})};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && this.token) headers.Authorization = `Bearer ${this.token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const sentAt = Date.now();
    let res;
    try {
      res = await fetch(path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
      });
    } catch (e) {
      throw new ApiError({slug: controller.signal.aborted ? 'timeout' : 'network'});
    } finally {
      clearTimeout(timer);
    }
    learnServerTime(res, sentAt);
    if (res.ok && blob) return {status: res.status, data: await res.blob(), headers: res.headers};
    const text = await res.text().catch(() => '');
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (res.ok) return {status: res.status, data, headers: res.headers};
    throw this.problem(res.status, data, (name) => res.headers.get(name), auth);
  }

  /** The ApiError of a refused answer (and the end of the session on a 401 of a signed-in request). */
  problem(status, data, header, auth = true) {
    const type = data && typeof data.type === 'string' ? data.type : '';
    let slug = type ? type.split('/').pop() : '';
    if (!slug) slug = status >= 500 ? 'server-error' : status === 401 ? 'unauthorized' : `http-${status}`;
    const retry = Number(header('Retry-After'));
    const error = new ApiError({
      status, slug, problem: data,
      retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
      requestId: header('X-Request-Id'),
    });
    if (status === 401 && auth && this.token) {
      this.token = null;
      if (this.onExpired) this.onExpired();
    }
    return error;
  }

  /**
   * Sends a file as the request body with XMLHttpRequest, since fetch reports no upload progress:
   * onProgress(sent, total) as it goes. Resolves to {status, data} for 2xx, rejects with ApiError.
   */
  upload(method, path, file, contentType, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, path);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Content-Type', contentType);
      if (this.token) xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.upload.addEventListener('progress', (ev) => {
        if (onProgress) onProgress(ev.loaded, ev.lengthComputable ? ev.total : file.size);
      });
      xhr.addEventListener('load', () => {
        let data = null;
        try {
          data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          data = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve({status: xhr.status, data});
        else reject(this.problem(xhr.status, data, (name) => xhr.getResponseHeader(name)));
      });
      xhr.addEventListener('error', () => reject(new ApiError({slug: 'network'})));
      xhr.addEventListener('timeout', () => reject(new ApiError({slug: 'timeout'})));
      xhr.send(file);
    });
  }

  /**
   * Downloads what path answers for accept (e.g. text/csv) and saves it under the server's file name
   * (Content-Disposition) or fallback: the API needs the bearer token, so a plain link cannot do it.
   */
  async download(path, accept, fallback) {
    const {data, headers} = await this.request('GET', path, {headers: {Accept: accept}, blob: true, timeoutMs: 600000});
    const disposition = headers.get('Content-Disposition') || '';
    const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const name = named ? decodeURIComponent(named[1]) : fallback;
    const url = URL.createObjectURL(data);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return name;
  }

  get(path, options) {
    return this.request('GET', path, options).then((r) => r.data);
  }

  post(path, body, options) {
    return this.request('POST', path, {...options, body});
  }

  put(path, body, options) {
    return this.request('PUT', path, {...options, body});
  }

  patch(path, body, options) {
    return this.request('PATCH', path, {...options, body});
  }
}

/** The payload of a JWT (base64url JSON), or null when there is none or it cannot be read. */
export function tokenClaims(token) {
  if (!token) return null;
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** A random key for Idempotency-Key (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
