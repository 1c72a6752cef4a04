/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test infrastructure, never shipped */
// The registry of running watchdogs: one JSON file each, written by watchdog.ts while its command runs.
// It says which process is which (the command's pid, for WatchedProcess.pid) and lets stopLeftovers() find
// what a crashed run left behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { n8nId } from '../../support/ids';

export const REGISTRY_DIR = path.join(os.tmpdir(), 'aihd-e2e-processes');

export interface RegistryEntry {
	watchdogPid: number;
	/** The command's pid, which leads its own process group. */
	groupPid: number;
	/** The process that started the watchdog. */
	ownerPid: number;
	/** Removed when the owner is gone; null for none. */
	dir: string | null;
	command: string;
}

/** A new entry's file name; it starts with this process's pid, which owns it. */
export function newRegistryFile(): string {
	fs.mkdirSync(REGISTRY_DIR, { recursive: true });
	return path.join(REGISTRY_DIR, `${process.pid}-${n8nId(8)}.json`);
}

/** The pid the file name says owns the entry. */
export const registryOwner = (file: string): number => Number(path.basename(file).split('-')[0]);

export function writeRegistryEntry(file: string, entry: RegistryEntry): void {
	fs.writeFileSync(file, JSON.stringify(entry));
}

export function readRegistryEntry(file: string): RegistryEntry | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as RegistryEntry;
	} catch {
		return undefined;
	}
}

export function removeRegistryEntry(file: string): void {
	fs.rmSync(file, { force: true });
}

/** Every entry's file. */
export function registryFiles(): string[] {
	try {
		return fs
			.readdirSync(REGISTRY_DIR)
			.filter((f) => f.endsWith('.json'))
			.map((f) => path.join(REGISTRY_DIR, f));
	} catch {
		return [];
	}
}
