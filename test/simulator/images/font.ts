/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped: reads jimp's font files */
/**
 * jimp's bundled Open Sans bitmap fonts, loaded synchronously (jimp's `loadFont` is async; the core
 * answers without awaiting). The .fnt files are BMFont XML: one element per line with numeric attributes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodePhoto, type Image } from './codec';

// 'jimp/fonts' is an exports-only subpath: TypeScript's node10 resolution cannot see it, Node's require can.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FONT_FILES = require('jimp/fonts') as Record<
	'SANS_8_WHITE' | 'SANS_16_WHITE' | 'SANS_32_WHITE' | 'SANS_64_WHITE',
	string
>;

/** jimp's BmFont, as `print` takes it. */
export type Font = Parameters<Image['print']>[0]['font'];
type BmCharacter = Font['chars'][string];
type BmKerning = Font['kernings'][string];

function attributes(line: string): Record<string, string> {
	return Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}
const numbers = (a: Record<string, string>) =>
	Object.fromEntries(Object.entries(a).map(([k, v]) => [k, Number(v)]));

function loadFontSync(file: string): Font {
	const lines = fs.readFileSync(file, 'utf8').split('\n');
	const of = (tag: string) => lines.filter((l) => l.trimStart().startsWith(`<${tag} `));
	const chars: Record<string, BmCharacter> = {};
	for (const line of of('char')) {
		const c = numbers(attributes(line)) as unknown as BmCharacter;
		chars[String.fromCharCode(c.id)] = c;
	}
	const kernings: Record<string, BmKerning> = {};
	for (const line of of('kerning')) {
		const k = numbers(attributes(line));
		const first = String.fromCharCode(k.first);
		kernings[first] ??= {} as BmKerning;
		kernings[first][String.fromCharCode(k.second)] = k.amount;
	}
	const pages = of('page').map((line) => {
		const page = decodePhoto(fs.readFileSync(path.join(path.dirname(file), attributes(line).file)));
		if (!page) throw new Error(`font page of ${file} is not readable`);
		return page;
	});
	return {
		info: attributes(of('info')[0] ?? ''),
		common: numbers(attributes(of('common')[0] ?? '')) as unknown as Font['common'],
		chars,
		kernings,
		pages,
	};
}

const loaded = new Map<string, Font>();

/** A white font whose size suits an image this wide (about 1/30 of the width, 8 px at least). */
export function labelFont(imageWidth: number): Font {
	const name =
		imageWidth >= 1600
			? 'SANS_64_WHITE'
			: imageWidth >= 800
				? 'SANS_32_WHITE'
				: imageWidth >= 400
					? 'SANS_16_WHITE'
					: 'SANS_8_WHITE';
	let font = loaded.get(name);
	if (!font) {
		font = loadFontSync(FONT_FILES[name]);
		loaded.set(name, font);
	}
	return font;
}
