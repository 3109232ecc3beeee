// The JSON API as the pages use it: the session's user and roles, reads, and commands carrying the session's CSRF
// token (ADR 0014). A refusal becomes an Error whose message is the problem's detail, in words.

let session;

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  return answer(response);
}

export async function signedIn() {
  session ??= await getJson('/api/session');
  return session;
}

/** POSTs a command; resolves with the answer ({id, version}) or rejects with the problem's detail. */
export async function send(path, body) {
  const { csrfHeader, csrfToken } = await signedIn();
  const response = await fetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', [csrfHeader]: csrfToken },
    body: JSON.stringify(body),
  });
  return answer(response);
}

/** Whether the signed-in user may change this deal: the API's rules, so the page never offers what it refuses. */
export function mayChange(card) {
  const roles = session?.roles ?? [];
  return roles.includes('MANAGER') || roles.includes('ADMIN') || (roles.includes('REP') && card.owner === session.user);
}

/** Resolves once the read models have projected every stored event (or after a few seconds, whichever is first). */
export async function caughtUp() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const status = await getJson('/api/read-models/status');
    if (status.upToDate) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

async function answer(response) {
  if (response.status === 401) {
    location.assign('/login');
    throw new Error('You are signed out.');
  }
  const text = await response.text();
  let body = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // not JSON (a proxy's error page): the status says enough
  }
  if (!response.ok) {
    const refusal = new Error(body.detail ?? body.title ?? `The ledger answered ${response.status}.`);
    // per field, as the API names them: [{field, message}]
    refusal.errors = body.errors ?? [];
    throw refusal;
  }
  return body;
}
