/*
 * gch_json_fixtures.h - Data Action configs for the JSON tests, byte for byte.
 *
 * Written for this project: the "config" (and one "contract") member of definitions
 * in tests/emulator/orgs/library/, exactly as they sit in a 2-space pretty-printed
 * export, so tests build real-shaped pages and actions. Regenerate them from the
 * library if it changes; the tests compare bytes, not meanings.
 */
#ifndef GCH_JSON_FIXTURES_H
#define GCH_JSON_FIXTURES_H

/* FIX_CONFIG_CRLF: "config" of count-recent-calls-from-number.json (1121 bytes): CRLF escapes in the request template, a CRLF inside a translationMapDefaults value */
#define FIX_CONFIG_CRLF                                                                                                \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": \"/api/v2/analytics/conversations/details/query\",\n"                               \
    "      \"requestType\": \"POST\",\n"                                                                               \
    "      \"headers\": {\n"                                                                                           \
    "        \"Content-Type\": \"application/json\"\n"                                                                 \
    "      },\n"                                                                                                       \
    "      \"requestTemplate\": \"{\\r\\n \\\"interval\\\": "                                                          \
    "\\\"${input.intervalStart}/${input.intervalEnd}\\\",\\r\\n \\\"order\\\": \\\"desc\\\",\\r\\n \\\"orderBy\\\": "  \
    "\\\"conversationStart\\\",\\r\\n \\\"paging\\\": { \\\"pageSize\\\": 50, \\\"pageNumber\\\": 1 },\\r\\n "         \
    "\\\"segmentFilters\\\": [\\r\\n  {\\r\\n   \\\"type\\\": \\\"and\\\",\\r\\n   \\\"predicates\\\": [\\r\\n    { "  \
    "\\\"type\\\": \\\"dimension\\\", \\\"dimension\\\": \\\"ani\\\", \\\"operator\\\": \\\"matches\\\", "             \
    "\\\"value\\\": \\\"tel:${input.phoneNumber}\\\" },\\r\\n    { \\\"type\\\": \\\"dimension\\\", "                  \
    "\\\"dimension\\\": \\\"direction\\\", \\\"operator\\\": \\\"matches\\\", \\\"value\\\": \\\"inbound\\\" }\\r\\n " \
    "  ]\\r\\n  }\\r\\n ]\\r\\n}\"\n"                                                                                  \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {\n"                                                                                    \
    "        \"count\": \"$.totalHits\",\n"                                                                            \
    "        \"conversationIds\": \"$.conversations[*].conversationId\"\n"                                             \
    "      },\n"                                                                                                       \
    "      \"translationMapDefaults\": {\n"                                                                            \
    "        \"count\": \"0\",\n"                                                                                      \
    "        \"conversationIds\": \"[\\r\\n]\"\n"                                                                      \
    "      },\n"                                                                                                       \
    "      \"successTemplate\": \"{\\\"count\\\": ${count}, \\\"conversationIds\\\": ${conversationIds}}\"\n"          \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONFIG_UTF8: "config" of add-note-to-external-contact.json (741 bytes): raw UTF-8 (German, an en dash, a check mark) in the request template */
#define FIX_CONFIG_UTF8                                                                                                \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": \"/api/v2/externalcontacts/contacts/${input.contactId}/notes\",\n"                  \
    "      \"requestType\": \"POST\",\n"                                                                               \
    "      \"headers\": {\n"                                                                                           \
    "        \"UserAgent\": \"PureCloudIntegrations/1.0\",\n"                                                          \
    "        \"Content-Type\": \"application/json\"\n"                                                                 \
    "      },\n"                                                                                                       \
    "      \"requestTemplate\": \"{\\n  \\\"noteText\\\": \\\"R\303\274ckruf vereinbart \342\200\223 "                 \
    "$esc.jsonString(${input.note}) \342\234\223\\\",\\n  \\\"entityType\\\": \\\"Contact\\\",\\n  "                   \
    "\\\"createdBy\\\": { \\\"id\\\": \\\"${input.agentId}\\\" }\\n}\"\n"                                              \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {\n"                                                                                    \
    "        \"noteId\": \"$.id\",\n"                                                                                  \
    "        \"createDate\": \"$.createDate\"\n"                                                                       \
    "      },\n"                                                                                                       \
    "      \"translationMapDefaults\": {\n"                                                                            \
    "        \"createDate\": \"\\\"\\\"\"\n"                                                                           \
    "      },\n"                                                                                                       \
    "      \"successTemplate\": \"{\\\"noteId\\\": ${noteId}, \\\"createDate\\\": ${createDate}}\"\n"                  \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONTRACT_UTF8: "contract" of add-note-to-external-contact.json (955 bytes): raw UTF-8 in the schema title and description */
#define FIX_CONTRACT_UTF8                                                                                              \
    "{\n"                                                                                                              \
    "    \"input\": {\n"                                                                                               \
    "      \"inputSchema\": {\n"                                                                                       \
    "        \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"                                              \
    "        \"title\": \"Kontaktnotiz\",\n"                                                                           \
    "        \"description\": \"F\303\274gt dem externen Kontakt eine Notiz hinzu.\",\n"                               \
    "        \"type\": \"object\",\n"                                                                                  \
    "        \"required\": [\n"                                                                                        \
    "          \"contactId\",\n"                                                                                       \
    "          \"note\",\n"                                                                                            \
    "          \"agentId\"\n"                                                                                          \
    "        ],\n"                                                                                                     \
    "        \"properties\": {\n"                                                                                      \
    "          \"contactId\": {\n"                                                                                     \
    "            \"type\": \"string\"\n"                                                                               \
    "          },\n"                                                                                                   \
    "          \"note\": {\n"                                                                                          \
    "            \"type\": \"string\"\n"                                                                               \
    "          },\n"                                                                                                   \
    "          \"agentId\": {\n"                                                                                       \
    "            \"type\": \"string\"\n"                                                                               \
    "          }\n"                                                                                                    \
    "        },\n"                                                                                                     \
    "        \"additionalProperties\": true\n"                                                                         \
    "      }\n"                                                                                                        \
    "    },\n"                                                                                                         \
    "    \"output\": {\n"                                                                                              \
    "      \"successSchema\": {\n"                                                                                     \
    "        \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"                                              \
    "        \"type\": \"object\",\n"                                                                                  \
    "        \"properties\": {\n"                                                                                      \
    "          \"noteId\": {\n"                                                                                        \
    "            \"type\": \"string\"\n"                                                                               \
    "          },\n"                                                                                                   \
    "          \"createDate\": {\n"                                                                                    \
    "            \"type\": \"string\"\n"                                                                               \
    "          }\n"                                                                                                    \
    "        },\n"                                                                                                     \
    "        \"additionalProperties\": true\n"                                                                         \
    "      }\n"                                                                                                        \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONFIG_EMPTY_MAPS: "config" of set-conversation-wrap-up.json (505 bytes): empty headers, translationMap and translationMapDefaults objects */
#define FIX_CONFIG_EMPTY_MAPS                                                                                          \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": "                                                                                   \
    "\"/api/v2/conversations/calls/${input.conversationId}/participants/${input.participantId}\",\n"                   \
    "      \"requestType\": \"PATCH\",\n"                                                                              \
    "      \"headers\": {},\n"                                                                                         \
    "      \"requestTemplate\": \"{\\n  \\\"wrapup\\\": {\\n    \\\"code\\\": \\\"${input.wrapUpCodeId}\\\",\\n    "   \
    "\\\"notes\\\": \\\"$esc.jsonString($!{input.notes})\\\"\\n  },\\n  \\\"wrapupSkipped\\\": false\\n}\"\n"          \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {},\n"                                                                                  \
    "      \"translationMapDefaults\": {},\n"                                                                          \
    "      \"successTemplate\": \"${rawResult}\"\n"                                                                    \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONFIG_LARGE: "config" of bulk-export-orders.json (6892 bytes): a large request template (#if, $!{}, about 7 KB) */
#define FIX_CONFIG_LARGE                                                                                               \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": \"https://orders.example.com/v2/exports\",\n"                                       \
    "      \"requestType\": \"POST\",\n"                                                                               \
    "      \"headers\": {\n"                                                                                           \
    "        \"Content-Type\": \"application/json\",\n"                                                                \
    "        \"Accept\": \"application/json\"\n"                                                                       \
    "      },\n"                                                                                                       \
    "      \"requestTemplate\": \"{\\n  \\\"format\\\": \\\"$!{input.format}\\\",\\n  \\\"requestedBy\\\": "           \
    "\\\"$esc.jsonString(${input.agentEmail})\\\",\\n  \\\"filters\\\": {\\n    \\\"from\\\": "                        \
    "\\\"${input.from}\\\",\\n    \\\"to\\\": \\\"${input.to}\\\",\\n#if(\\\"$!{input.region}\\\" != \\\"\\\")\\n    " \
    "\\\"region\\\": \\\"${input.region}\\\",\\n#end\\n    \\\"statuses\\\": [ \\\"PLACED\\\", \\\"PAID\\\", "         \
    "\\\"SHIPPED\\\", \\\"DELIVERED\\\", \\\"RETURNED\\\" ]\\n  },\\n  \\\"columns\\\": [\\n    { \\\"field\\\": "     \
    "\\\"orderId\\\", \\\"label\\\": \\\"$!{input.labels.orderId}\\\", \\\"include\\\": "                              \
    "#if(\\\"$!{input.skip_orderId}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "                \
    "\\\"orderNumber\\\", \\\"label\\\": \\\"$!{input.labels.orderNumber}\\\", \\\"include\\\": "                      \
    "#if(\\\"$!{input.skip_orderNumber}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "            \
    "\\\"customerId\\\", \\\"label\\\": \\\"$!{input.labels.customerId}\\\", \\\"include\\\": "                        \
    "#if(\\\"$!{input.skip_customerId}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "             \
    "\\\"customerName\\\", \\\"label\\\": \\\"$!{input.labels.customerName}\\\", \\\"include\\\": "                    \
    "#if(\\\"$!{input.skip_customerName}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "           \
    "\\\"customerEmail\\\", \\\"label\\\": \\\"$!{input.labels.customerEmail}\\\", \\\"include\\\": "                  \
    "#if(\\\"$!{input.skip_customerEmail}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "          \
    "\\\"customerPhone\\\", \\\"label\\\": \\\"$!{input.labels.customerPhone}\\\", \\\"include\\\": "                  \
    "#if(\\\"$!{input.skip_customerPhone}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "          \
    "\\\"billingStreet\\\", \\\"label\\\": \\\"$!{input.labels.billingStreet}\\\", \\\"include\\\": "                  \
    "#if(\\\"$!{input.skip_billingStreet}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "          \
    "\\\"billingCity\\\", \\\"label\\\": \\\"$!{input.labels.billingCity}\\\", \\\"include\\\": "                      \
    "#if(\\\"$!{input.skip_billingCity}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "            \
    "\\\"billingPostcode\\\", \\\"label\\\": \\\"$!{input.labels.billingPostcode}\\\", \\\"include\\\": "              \
    "#if(\\\"$!{input.skip_billingPostcode}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "        \
    "\\\"billingCountry\\\", \\\"label\\\": \\\"$!{input.labels.billingCountry}\\\", \\\"include\\\": "                \
    "#if(\\\"$!{input.skip_billingCountry}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "         \
    "\\\"shippingStreet\\\", \\\"label\\\": \\\"$!{input.labels.shippingStreet}\\\", \\\"include\\\": "                \
    "#if(\\\"$!{input.skip_shippingStreet}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "         \
    "\\\"shippingCity\\\", \\\"label\\\": \\\"$!{input.labels.shippingCity}\\\", \\\"include\\\": "                    \
    "#if(\\\"$!{input.skip_shippingCity}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "           \
    "\\\"shippingPostcode\\\", \\\"label\\\": \\\"$!{input.labels.shippingPostcode}\\\", \\\"include\\\": "            \
    "#if(\\\"$!{input.skip_shippingPostcode}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "       \
    "\\\"shippingCountry\\\", \\\"label\\\": \\\"$!{input.labels.shippingCountry}\\\", \\\"include\\\": "              \
    "#if(\\\"$!{input.skip_shippingCountry}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "        \
    "\\\"currency\\\", \\\"label\\\": \\\"$!{input.labels.currency}\\\", \\\"include\\\": "                            \
    "#if(\\\"$!{input.skip_currency}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "               \
    "\\\"subtotal\\\", \\\"label\\\": \\\"$!{input.labels.subtotal}\\\", \\\"include\\\": "                            \
    "#if(\\\"$!{input.skip_subtotal}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"tax\\\", "  \
    "\\\"label\\\": \\\"$!{input.labels.tax}\\\", \\\"include\\\": #if(\\\"$!{input.skip_tax}\\\" == "                 \
    "\\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"shippingCost\\\", \\\"label\\\": "                 \
    "\\\"$!{input.labels.shippingCost}\\\", \\\"include\\\": #if(\\\"$!{input.skip_shippingCost}\\\" == "              \
    "\\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"discount\\\", \\\"label\\\": "                     \
    "\\\"$!{input.labels.discount}\\\", \\\"include\\\": #if(\\\"$!{input.skip_discount}\\\" == "                      \
    "\\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"total\\\", \\\"label\\\": "                        \
    "\\\"$!{input.labels.total}\\\", \\\"include\\\": #if(\\\"$!{input.skip_total}\\\" == \\\"true\\\")false#else "    \
    "true#end },\\n    { \\\"field\\\": \\\"paymentMethod\\\", \\\"label\\\": "                                        \
    "\\\"$!{input.labels.paymentMethod}\\\", \\\"include\\\": #if(\\\"$!{input.skip_paymentMethod}\\\" == "            \
    "\\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"paymentReference\\\", \\\"label\\\": "             \
    "\\\"$!{input.labels.paymentReference}\\\", \\\"include\\\": #if(\\\"$!{input.skip_paymentReference}\\\" == "      \
    "\\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"placedAt\\\", \\\"label\\\": "                     \
    "\\\"$!{input.labels.placedAt}\\\", \\\"include\\\": #if(\\\"$!{input.skip_placedAt}\\\" == "                      \
    "\\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"paidAt\\\", \\\"label\\\": "                       \
    "\\\"$!{input.labels.paidAt}\\\", \\\"include\\\": #if(\\\"$!{input.skip_paidAt}\\\" == \\\"true\\\")false#else "  \
    "true#end },\\n    { \\\"field\\\": \\\"shippedAt\\\", \\\"label\\\": \\\"$!{input.labels.shippedAt}\\\", "        \
    "\\\"include\\\": #if(\\\"$!{input.skip_shippedAt}\\\" == \\\"true\\\")false#else true#end },\\n    { "            \
    "\\\"field\\\": \\\"deliveredAt\\\", \\\"label\\\": \\\"$!{input.labels.deliveredAt}\\\", \\\"include\\\": "       \
    "#if(\\\"$!{input.skip_deliveredAt}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "            \
    "\\\"carrier\\\", \\\"label\\\": \\\"$!{input.labels.carrier}\\\", \\\"include\\\": "                              \
    "#if(\\\"$!{input.skip_carrier}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "                \
    "\\\"trackingNumber\\\", \\\"label\\\": \\\"$!{input.labels.trackingNumber}\\\", \\\"include\\\": "                \
    "#if(\\\"$!{input.skip_trackingNumber}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "         \
    "\\\"warehouse\\\", \\\"label\\\": \\\"$!{input.labels.warehouse}\\\", \\\"include\\\": "                          \
    "#if(\\\"$!{input.skip_warehouse}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "              \
    "\\\"salesChannel\\\", \\\"label\\\": \\\"$!{input.labels.salesChannel}\\\", \\\"include\\\": "                    \
    "#if(\\\"$!{input.skip_salesChannel}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "           \
    "\\\"campaignCode\\\", \\\"label\\\": \\\"$!{input.labels.campaignCode}\\\", \\\"include\\\": "                    \
    "#if(\\\"$!{input.skip_campaignCode}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "           \
    "\\\"loyaltyTier\\\", \\\"label\\\": \\\"$!{input.labels.loyaltyTier}\\\", \\\"include\\\": "                      \
    "#if(\\\"$!{input.skip_loyaltyTier}\\\" == \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": "            \
    "\\\"notes\\\", \\\"label\\\": \\\"$!{input.labels.notes}\\\", \\\"include\\\": #if(\\\"$!{input.skip_notes}\\\" " \
    "== \\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"returnReason\\\", \\\"label\\\": "              \
    "\\\"$!{input.labels.returnReason}\\\", \\\"include\\\": #if(\\\"$!{input.skip_returnReason}\\\" == "              \
    "\\\"true\\\")false#else true#end },\\n    { \\\"field\\\": \\\"refundAmount\\\", \\\"label\\\": "                 \
    "\\\"$!{input.labels.refundAmount}\\\", \\\"include\\\": #if(\\\"$!{input.skip_refundAmount}\\\" == "              \
    "\\\"true\\\")false#else true#end }\\n  ],\\n  \\\"delivery\\\": {\\n    \\\"type\\\": \\\"sftp\\\",\\n    "       \
    "\\\"host\\\": \\\"exports.orders.example.com\\\",\\n    \\\"path\\\": "                                           \
    "\\\"/outbound/$!{input.region}/orders-${input.from}.csv\\\",\\n    \\\"notify\\\": [ "                            \
    "\\\"$esc.jsonString(${input.agentEmail})\\\" ]\\n  }\\n}\"\n"                                                     \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {\n"                                                                                    \
    "        \"exportId\": \"$.id\",\n"                                                                                \
    "        \"state\": \"$.state\",\n"                                                                                \
    "        \"rows\": \"$.estimate.rows\"\n"                                                                          \
    "      },\n"                                                                                                       \
    "      \"translationMapDefaults\": {\n"                                                                            \
    "        \"state\": \"\\\"QUEUED\\\"\",\n"                                                                         \
    "        \"rows\": \"0\"\n"                                                                                        \
    "      },\n"                                                                                                       \
    "      \"successTemplate\": \"{\\\"exportId\\\": ${exportId}, \\\"state\\\": ${state}, \\\"rows\\\": ${rows}}\"\n" \
    "    }\n"                                                                                                          \
    "  }"

#endif
