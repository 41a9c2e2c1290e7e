#!/usr/bin/env node
/*
 * bench/peer.js - the job of `gcheal scan|fix`, written the way Genesys' own
 * tutorials write it: on the official JavaScript SDK (purecloud-platform-client-v2,
 * pinned in bench/package.json). bench/run.py runs it side by side with
 * build/gcheal against the same emulator and checks both reach the same end state.
 *
 *   node bench/peer.js --host localhost --port PORT scan|fix [--page-size N]
 *   env GENESYS_CLOUD_CLIENT_ID / GENESYS_CLOUD_CLIENT_SECRET; trust the test CA
 *   through NODE_EXTRA_CA_CERTS (the SDK has no CA option of its own).
 *
 * Same policy as gcheal's defaults: restrictive below 5 s (an absent timeout
 * counts as 60 s), written value 5; static and custom-auth actions are reported,
 * never patched; function data actions get the same plain PATCH as the rest (as the
 * Terraform provider sends them; the emulator applies it by default). Fix = GET the
 * action fresh, fetch both template texts (the platform returns them only as
 * URIs), PATCH the fetched config with only timeoutSeconds changed and the fetched
 * version (a 409 means fetch again, at most 5 times), then check the answer.
 * Prints one JSON summary line on stdout; exit 0, or 1 on any failure.
 */
'use strict';

const https = require('https');
const platformClient = require('purecloud-platform-client-v2');

const MIN_TIMEOUT = 5, SET_TIMEOUT = 5, UNSET_IS = 60, MAX_CONFLICTS = 5;

function parseArgs(argv) {
    const o = { host: 'localhost', port: 443, pageSize: 100, cmd: null };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === '--host') o.host = argv[++i];
        else if (a === '--port') o.port = Number(argv[++i]);
        else if (a === '--page-size') o.pageSize = Number(argv[++i]);
        else if (a === 'scan' || a === 'fix') o.cmd = a;
        else throw new Error('unknown argument ' + a);
    }
    if (!o.cmd) throw new Error('usage: peer.js --host H --port P scan|fix [--page-size N]');
    return o;
}

function notEditable(action) {
    if (action.id.startsWith('static')) return 'static';
    if (action.id.startsWith('customAuth_-_')) return 'custom auth';
    return null;
}

function isRestrictive(action) {
    const t = action.config && action.config.timeoutSeconds;
    return (t === undefined || t === null ? UNSET_IS : t) < MIN_TIMEOUT;
}

// Template texts must come back byte for byte: axios would JSON.parse a
// template that happens to be valid JSON, so template GETs are read as text.
function keepTemplatesAsText(client) {
    client.setPreHook((config) => {
        if (/\/templates\/[^/]+$/.test(config.url)) {
            config.responseType = 'text';
            config.transformResponse = [(d) => d];
        }
        return config;
    });
}

async function templateText(api, id, cfgPart, key, file) {
    if (typeof cfgPart[key] === 'string') return cfgPart[key];
    if (!cfgPart[key + 'Uri']) return undefined;
    const t = await api.getIntegrationsActionTemplate(id, file);
    return t === undefined || t === null ? '' : String(t);
}

async function fixOne(api, id) {
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
        const a = await api.getIntegrationsAction(id, { includeConfig: true });
        const cfg = a.config;
        const req = cfg.request || {}, resp = cfg.response || {};
        const reqText = await templateText(api, id, req, 'requestTemplate', 'requesttemplate.vm');
        const succText = await templateText(api, id, resp, 'successTemplate', 'successtemplate.vm');
        delete req.requestTemplateUri;
        delete resp.successTemplateUri;
        if (reqText !== undefined) req.requestTemplate = reqText;
        if (succText !== undefined) resp.successTemplate = succText;
        cfg.timeoutSeconds = SET_TIMEOUT;
        try {
            const r = await api.patchIntegrationsAction(id, { name: a.name, version: a.version, config: cfg });
            if (!r.config || r.config.timeoutSeconds !== SET_TIMEOUT) throw new Error('PATCH answer without the new timeout');
            return true;
        } catch (e) {
            if (e && (e.status === 409 || e.code === 'conflict')) continue;
            throw e;
        }
    }
    return false;
}

async function main() {
    const o = parseArgs(process.argv.slice(2));
    const client = platformClient.ApiClient.instance;
    client.setGateway({ host: o.host, port: o.port, protocol: 'https' });
    client.setProxyAgent(new https.Agent({ keepAlive: true }));  // one connection, as gcheal
    keepTemplatesAsText(client);
    await client.loginClientCredentialsGrant(process.env.GENESYS_CLOUD_CLIENT_ID,
                                             process.env.GENESYS_CLOUD_CLIENT_SECRET);
    const integrationsApi = new platformClient.IntegrationsApi();
    const s = { examined: 0, restrictive: 0, fixed: 0, skipped: 0, failed: 0, pages: 0 };
    const todo = [];
    for (let page = 1; ; page++) {
        const r = await integrationsApi.getIntegrationsActions({
            pageSize: o.pageSize, pageNumber: page, includeConfig: true, includeAuthActions: true });
        s.pages++;
        const ents = r.entities || [];
        for (const a of ents) {
            s.examined++;
            if (!isRestrictive(a)) continue;
            s.restrictive++;
            if (notEditable(a)) s.skipped++;
            else todo.push(a.id);
        }
        if (ents.length === 0 || page >= (r.pageCount || 0)) break;
    }
    if (o.cmd === 'fix') {
        for (const id of todo) {
            try {
                if (await fixOne(integrationsApi, id)) s.fixed++; else s.failed++;
            } catch (e) {
                s.failed++;
                process.stderr.write('peer: ' + id + ': ' + JSON.stringify(e && (e.message || e)) + '\n');
            }
        }
    }
    process.stdout.write(JSON.stringify({ summary: s }) + '\n');
    return s.failed === 0 ? 0 : 1;
}

main().then((rc) => { process.exitCode = rc; }, (e) => {
    process.stderr.write('peer: ' + (e && e.stack ? e.stack : JSON.stringify(e)) + '\n');
    process.exitCode = 1;
});
