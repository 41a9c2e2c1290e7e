/* gch_status.c - names for gch_status_t; used by every layer's error messages. */
#include "gch_status.h"

const char *gch_strerror(gch_status_t st)
{
    switch (st) {
    case GCH_OK: return "ok";
    case GCH_ERR_ARG: return "invalid argument";
    case GCH_ERR_NOSPACE: return "buffer too small";
    case GCH_ERR_STATE: return "call not valid in this state";
    case GCH_ERR_CONFIG: return "invalid configuration";
    case GCH_ERR_DNS: return "host name did not resolve";
    case GCH_ERR_CONNECT: return "connection failed";
    case GCH_ERR_TIMEOUT: return "timed out";
    case GCH_ERR_CLOSED: return "connection closed by peer";
    case GCH_ERR_NET: return "network error";
    case GCH_ERR_TRUNCATED: return "response truncated";
    case GCH_ERR_TLS: return "TLS failure";
    case GCH_ERR_TLS_VERIFY: return "server certificate not trusted (chain or host name)";
    case GCH_ERR_TLS_MEMORY: return "TLS memory arena exhausted";
    case GCH_ERR_TLS_CA: return "CA certificates could not be loaded";
    case GCH_ERR_PROXY_AUTH: return "proxy authentication failed";
    case GCH_ERR_PROXY: return "the proxy refused the tunnel";
    case GCH_ERR_HTTP_STATUS_LINE: return "malformed HTTP status line";
    case GCH_ERR_HTTP_HEADER_SYNTAX: return "malformed HTTP header";
    case GCH_ERR_HTTP_BARE_LF: return "bare LF in HTTP framing";
    case GCH_ERR_HTTP_HEADERS_TOO_LARGE: return "HTTP header block too large";
    case GCH_ERR_HTTP_TOO_MANY_HEADERS: return "too many HTTP headers";
    case GCH_ERR_HTTP_CONTENT_LENGTH: return "invalid Content-Length";
    case GCH_ERR_HTTP_CL_AND_CHUNKED: return "Content-Length together with chunked";
    case GCH_ERR_HTTP_TRANSFER_ENCODING: return "unsupported Transfer-Encoding";
    case GCH_ERR_HTTP_CHUNK_SIZE: return "invalid chunk size";
    case GCH_ERR_HTTP_CHUNK_TOO_LARGE: return "chunk size over the bound";
    case GCH_ERR_HTTP_CHUNK_LINE_TOO_LONG: return "chunk-size line too long";
    case GCH_ERR_HTTP_TRAILER: return "malformed chunked trailer";
    case GCH_ERR_HTTP_UNEXPECTED_DATA: return "unexpected data after response";
    case GCH_ERR_JSON_SYNTAX: return "malformed JSON";
    case GCH_ERR_JSON_TOO_DEEP: return "JSON nested too deeply";
    case GCH_ERR_JSON_TOKENS: return "JSON has too many tokens";
    case GCH_ERR_JSON_TYPE: return "JSON member has an unexpected type";
    case GCH_ERR_JSON_MISSING: return "JSON member missing";
    case GCH_ERR_JSON_DUPLICATE: return "JSON member duplicated";
    case GCH_ERR_TOO_LARGE: return "too large for the configured buffers";
    case GCH_ERR_URL: return "malformed URL";
    case GCH_ERR_URL_FOREIGN_HOST: return "URL points at a host other than the configured one";
    case GCH_ERR_AUTH: return "authentication failed";
    case GCH_ERR_PERMISSION: return "permission missing from the client's role";
    case GCH_ERR_HTTP_STATUS: return "unexpected HTTP status";
    case GCH_ERR_RATE_LIMITED: return "rate limited for too long";
    case GCH_ERR_PAGING: return "paging did not terminate";
    case GCH_ERR_VERIFY: return "change not visible after update";
    case GCH_ERR_CANCELLED: return "cancelled";
    }
    return "unknown status";
}

bool gch_status_is_alert(gch_status_t st)
{
    return (st >= GCH_ERR_HTTP_STATUS_LINE && st <= GCH_ERR_JSON_DUPLICATE) || st == GCH_ERR_URL ||
           st == GCH_ERR_URL_FOREIGN_HOST;
}

bool gch_status_is_transient(gch_status_t st)
{
    return st >= GCH_ERR_DNS && st <= GCH_ERR_TRUNCATED;
}
