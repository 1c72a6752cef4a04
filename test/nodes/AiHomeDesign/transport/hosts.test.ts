import { isPrivateHost, isPublicHttpsUrl } from '../../../../nodes/AiHomeDesign/transport/hosts';

/** The hostname as the transport sees it: after the URL parser's normalisation. */
const hostOf = (url: string) => new URL(url).hostname;

describe('isPrivateHost', () => {
	it.each([
		'http://localhost/',
		'http://LOCALHOST./',
		'http://localhost../',
		'http://photos.localhost./',
		'http://127.0.0.1./',
		'http://2130706433/',
		'http://0x7f.1/',
		'http://[::1]/',
		'http://[0:0:0:0:0:0:0:1]/',
		'http://[::ffff:127.0.0.1]/',
		'http://[::ffff:169.254.169.254]/',
		'http://169.254.169.254/',
		'http://10.1.2.3/',
		'http://172.31.0.1/',
		'http://192.168.0.1/',
		'http://100.64.0.1/',
		'http://0/',
		'http://[fd00::1]/',
		'http://[fe80::1]/',
	])('%s is this machine or a private network', (url) => {
		expect(isPrivateHost(hostOf(url))).toBe(true);
	});

	it.each([
		'https://cdn.aihomedesign.com./x.jpg',
		'https://photos.example.com/',
		'http://8.8.8.8/',
		'http://172.32.0.1/',
		'http://[2001:db8::1]/',
		'http://localhost.example.com/',
	])('%s is public', (url) => {
		expect(isPrivateHost(hostOf(url))).toBe(false);
	});

	it('a result link to localhost with a trailing dot is not a public https link', () => {
		expect(isPublicHttpsUrl('https://localhost./result.jpg')).toBe(false);
	});
});
