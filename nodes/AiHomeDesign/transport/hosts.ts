const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Whether a URL's host is this machine or a private network, by name or address literal
 * (`localhost`, 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16 (cloud metadata), 100.64/10, 0/8,
 * ::1, fc00::/7, fe80::/10, IPv4-mapped IPv6). Names are not resolved: n8n's own SSRF protection
 * (N8N_SSRF_PROTECTION_ENABLED) covers names that resolve to such addresses.
 */
export function isPrivateHost(hostname: string): boolean {
	// A trailing dot (`localhost.`) names the same host: resolvers answer it as without.
	const host = hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.+$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
	const v4 = IPV4.exec(mapped ? mapped[1] : host);
	if (v4) {
		const [a, b] = [Number(v4[1]), Number(v4[2])];
		return (
			a === 0 ||
			a === 10 ||
			a === 127 ||
			(a === 100 && b >= 64 && b <= 127) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168)
		);
	}
	if (!host.includes(':')) return false;
	if (host === '::1' || host === '::') return true;
	if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(host)) return true; // mapped, hex form
	return /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
}

/** An http(s) URL without user:password in it. */
export function isWebUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (
			(url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password
		);
	} catch {
		return false;
	}
}

/**
 * Where a result link may point: https on a public host; with `local` (a local simulator, never the
 * platform) http(s) anywhere.
 */
export const isAllowedResultLink = (value: string, local: boolean): boolean =>
	local ? isWebUrl(value) : isPublicHttpsUrl(value);

/** A link a downstream node may fetch: https, to a public host. */
export function isPublicHttpsUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (
			url.protocol === 'https:' && !isPrivateHost(url.hostname) && !url.username && !url.password
		);
	} catch {
		return false;
	}
}
