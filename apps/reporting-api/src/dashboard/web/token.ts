const KEY = 'lr.dashboard.token';

export interface TokenInfo {
  readonly role: string;
  readonly department: string | null;
}

/**
 * The viewer's token: from `#token=` in the address (then removed from it, so it is not kept in
 * the history), else from this tab's session storage.
 */
export function takeToken(): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    saveToken(fromFragment);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromFragment;
  }
  return sessionStorage.getItem(KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

/** What the page shows and offers by role; the API alone decides what may be read. */
export function tokenInfo(token: string): TokenInfo {
  try {
    const part = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as {
      role?: unknown;
      department?: unknown;
    };
    return {
      role: typeof claims.role === 'string' ? claims.role : 'unknown',
      department: typeof claims.department === 'string' ? claims.department : null,
    };
  } catch {
    return { role: 'unknown', department: null };
  }
}
