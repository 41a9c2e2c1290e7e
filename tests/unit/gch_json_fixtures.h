/*
 * gch_json_fixtures.h - real Data Action configs for the JSON tests, byte for byte.
 *
 * Generated from /work/shared/fixtures/data-actions/ (see its INDEX.md for sources and
 * licenses): the "config" member values and one contract, so tests can build real-shaped
 * pages and actions. CRLF escapes (013), raw UTF-8 (021), empty objects (027), a large
 * request template (001).
 */
#ifndef GCH_JSON_FIXTURES_H
#define GCH_JSON_FIXTURES_H

/* FIX_CONFIG_CRLF: "config" of 013-get-conversations-by-dnis.json (947 bytes) */
#define FIX_CONFIG_CRLF                                                                                                \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": \"/api/v2/analytics/conversations/details/query\",\n"                               \
    "      \"requestType\": \"POST\",\n"                                                                               \
    "      \"headers\": {\n"                                                                                           \
    "        \"Content-Type\": \"application/json\"\n"                                                                 \
    "      },\n"                                                                                                       \
    "      \"requestTemplate\": \"{\\r\\n \\\"interval\\\": \\\"${input.Date}\\\",\\r\\n \\\"order\\\": "              \
    "\\\"asc\\\",\\r\\n \\\"orderBy\\\": \\\"conversationStart\\\",\\r\\n \\\"paging\\\": {\\r\\n  \\\"pageSize\\\": " \
    "25,\\r\\n  \\\"pageNumber\\\": 1\\r\\n },\\r\\n \\\"segmentFilters\\\": [\\r\\n  {\\r\\n   \\\"type\\\": "        \
    "\\\"and\\\",\\r\\n   \\\"predicates\\\": [\\r\\n    {\\r\\n     \\\"type\\\": \\\"dimension\\\",\\r\\n     "      \
    "\\\"dimension\\\": \\\"dnis\\\",\\r\\n     \\\"operator\\\": \\\"matches\\\",\\r\\n     \\\"value\\\": "          \
    "\\\"${input.DNIS}\\\"\\r\\n    }\\r\\n   ]\\r\\n  }\\r\\n ]\\r\\n}\"\n"                                           \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {\n"                                                                                    \
    "        \"InteractionIds\": \"$.conversations[*].conversationId\"\n"                                              \
    "      },\n"                                                                                                       \
    "      \"translationMapDefaults\": {\n"                                                                            \
    "        \"InteractionIds\": \"[\\r\\n  \\\"\\\"\\r\\n]\"\n"                                                       \
    "      },\n"                                                                                                       \
    "      \"successTemplate\": \"{\\\"InteractionIds\\\": ${InteractionIds}}\"\n"                                     \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONFIG_UTF8: "config" of 021-get-user-external-id.json (584 bytes) */
#define FIX_CONFIG_UTF8                                                                                                \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": \"/api/v2/scim/v2/users/${input.USER_ID}\",\n"                                      \
    "      \"requestType\": \"GET\",\n"                                                                                \
    "      \"headers\": {\n"                                                                                           \
    "        \"UserAgent\": \"PureCloudIntegrations/1.0\",\n"                                                          \
    "        \"Content-Type\": \"application/json\"\n"                                                                 \
    "      },\n"                                                                                                       \
    "      \"requestTemplate\": \"${input.rawRequest}\"\n"                                                             \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {\n"                                                                                    \
    "        \"status\": \"$..externalIds[0].value\"\n"                                                                \
    "      },\n"                                                                                                       \
    "      \"translationMapDefaults\": {\n"                                                                            \
    "        \"status\": \"[]\"\n"                                                                                     \
    "      },\n"                                                                                                       \
    "      \"successTemplate\": \"{\\\"externalId\\\": "                                                               \
    "${successTemplateUtils.firstFromArray(${status},\\\"$esc.quote$esc.quote\\\")}}\"\n"                              \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONTRACT_UTF8: "contract" of 021-get-user-external-id.json (1086 bytes) */
#define FIX_CONTRACT_UTF8                                                                                              \
    "{\n"                                                                                                              \
    "    \"input\": {\n"                                                                                               \
    "      \"inputSchema\": {\n"                                                                                       \
    "        \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"                                              \
    "        \"title\": \"UserIdRequest\",\n"                                                                          \
    "        \"description\": \"A user ID-based request.\",\n"                                                         \
    "        \"type\": \"object\",\n"                                                                                  \
    "        \"required\": [\n"                                                                                        \
    "          \"USER_ID\"\n"                                                                                          \
    "        ],\n"                                                                                                     \
    "        \"properties\": {\n"                                                                                      \
    "          \"USER_ID\": {\n"                                                                                       \
    "            \"description\": \"The user ID.\",\n"                                                                 \
    "            \"type\": \"string\",\n"                                                                              \
    "            \"minLength\": 36,\n"                                                                                 \
    "            \"maxLength\": 36,\n"                                                                                 \
    "            \"pattern\": \"^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$\"\n"     \
    "          }\n"                                                                                                    \
    "        },\n"                                                                                                     \
    "        \"additionalProperties\": true\n"                                                                         \
    "      }\n"                                                                                                        \
    "    },\n"                                                                                                         \
    "    \"output\": {\n"                                                                                              \
    "      \"successSchema\": {\n"                                                                                     \
    "        \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"                                              \
    "        \"title\": \"Get User externalId\",\n"                                                                    \
    "        \"description\": \"Returns a user\342\200\231s routing status.\",\n"                                      \
    "        \"type\": \"object\",\n"                                                                                  \
    "        \"properties\": {\n"                                                                                      \
    "          \"externalId\": {\n"                                                                                    \
    "            \"description\": \"The user\342\200\231s external id, RACV's sAMAccountName\",\n"                     \
    "            \"type\": \"string\"\n"                                                                               \
    "          }\n"                                                                                                    \
    "        },\n"                                                                                                     \
    "        \"additionalProperties\": true\n"                                                                         \
    "      }\n"                                                                                                        \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONFIG_EMPTY_MAPS: "config" of 027-wrap-up-conversation.json (524 bytes) */
#define FIX_CONFIG_EMPTY_MAPS                                                                                          \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": "                                                                                   \
    "\"/api/v2/conversations/${input.conversationId}/participants/${input.participantId}\",\n"                         \
    "      \"requestType\": \"PATCH\",\n"                                                                              \
    "      \"headers\": {},\n"                                                                                         \
    "      \"requestTemplate\": \"{\\n   \\\"wrapup\\\": {\\n      \\\"code\\\": \\\"$!{input.wrapUpCodeId}\\\",\\n  " \
    "    \\\"notes\\\": \\\"$!{input.notes}\\\",\\n      \\\"durationSeconds\\\": 0\\n   },\\n   \\\"state\\\": "      \
    "\\\"disconnected\\\"\\n}\"\n"                                                                                     \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {},\n"                                                                                  \
    "      \"translationMapDefaults\": {},\n"                                                                          \
    "      \"successTemplate\": \"${rawResult}\"\n"                                                                    \
    "    }\n"                                                                                                          \
    "  }"

/* FIX_CONFIG_LARGE: "config" of 001-update-emergency-group.json (4151 bytes) */
#define FIX_CONFIG_LARGE                                                                                               \
    "{\n"                                                                                                              \
    "    \"request\": {\n"                                                                                             \
    "      \"requestUrlTemplate\": \"/api/v2/architect/emergencygroups/$esc.url(${input.emergencyGroup_ID})\",\n"      \
    "      \"requestType\": \"PUT\",\n"                                                                                \
    "      \"headers\": {\n"                                                                                           \
    "        \"UserAgent\": \"PureCloudIntegrations/1.0\",\n"                                                          \
    "        \"Content-Type\": \"application/json\"\n"                                                                 \
    "      },\n"                                                                                                       \
    "      \"requestTemplate\": \"{\\n   \\\"name\\\": \\\"${input.emergencyGroup_Name}\\\",\\n   \\\"enabled\\\": "   \
    "${input.enabled},\\n   \\\"emergencyCallFlows\\\": [\\n  {\\n      \\\"emergencyFlow\\\": {\\n        "           \
    "\\\"id\\\": \\\"$!{input.emergencyFlowId1}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n        "                     \
    "$!{input.ivrIds1}\\n      ]\\n    },\\n    {\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": "             \
    "\\\"$!{input.emergencyFlowId2}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds2}\\n      ]\\n   " \
    " },\\n {\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId3}\\\"\\n      "      \
    "},\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds3}\\n      ]\\n    },\\n {\\n      \\\"emergencyFlow\\\": "    \
    "{\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId4}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       "          \
    "$!{input.ivrIds4}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": "                 \
    "\\\"$!{input.emergencyFlowId5}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds5}\\n      ]\\n   " \
    " },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId6}\\\"\\n      },\\n " \
    "     \\\"ivrs\\\": [\\n       $!{input.ivrIds6}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": {\\n      " \
    "  \\\"id\\\": \\\"$!{input.emergencyFlowId7}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       "                    \
    "$!{input.ivrIds7}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": "                 \
    "\\\"$!{input.emergencyFlowId8}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds8}\\n      ]\\n   " \
    " },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId9}\\\"\\n      },\\n " \
    "     \\\"ivrs\\\": [\\n       $!{input.ivrIds9}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": {\\n      " \
    "  \\\"id\\\": \\\"$!{input.emergencyFlowId10}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       "                   \
    "$!{input.ivrIds10}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": "                \
    "\\\"$!{input.emergencyFlowId11}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n        $!{input.ivrIds11}\\n      "     \
    "]\\n    },\\n    {\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": "                                       \
    "\\\"$!{input.emergencyFlowId12}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds12}\\n      ]\\n " \
    "   },\\n {\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId13}\\\"\\n      "   \
    "},\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds13}\\n      ]\\n    },\\n {\\n      \\\"emergencyFlow\\\": "   \
    "{\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId14}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       "         \
    "$!{input.ivrIds14}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": "                \
    "\\\"$!{input.emergencyFlowId15}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds15}\\n      ]\\n " \
    "   },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId16}\\\"\\n      "    \
    "},\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds16}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": "    \
    "{\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId17}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       "         \
    "$!{input.ivrIds17}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": "                \
    "\\\"$!{input.emergencyFlowId18}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds18}\\n      ]\\n " \
    "   },\\n{\\n      \\\"emergencyFlow\\\": {\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId19}\\\"\\n      "    \
    "},\\n      \\\"ivrs\\\": [\\n       $!{input.ivrIds19}\\n      ]\\n    },\\n{\\n      \\\"emergencyFlow\\\": "    \
    "{\\n        \\\"id\\\": \\\"$!{input.emergencyFlowId20}\\\"\\n      },\\n      \\\"ivrs\\\": [\\n       "         \
    "$!{input.ivrIds20}\\n      ]\\n    }\\n  ]\\n}\"\n"                                                               \
    "    },\n"                                                                                                         \
    "    \"response\": {\n"                                                                                            \
    "      \"translationMap\": {\n"                                                                                    \
    "        \"filter1\": \"$.id\",\n"                                                                                 \
    "        \"filter2\": \"$.name\",\n"                                                                               \
    "        \"filter3\": \"$.enabled\",\n"                                                                            \
    "        \"filter4\": \"$.emergencyCallFlows[*].emergencyFlow.name\",\n"                                           \
    "        \"filter5\": \"$.emergencyCallFlows[*].emergencyFlow.id\",\n"                                             \
    "        \"filter6\": \"$.emergencyCallFlows[*].ivrs[*].name\",\n"                                                 \
    "        \"filter7\": \"$.emergencyCallFlows[*].ivrs[*].id\"\n"                                                    \
    "      },\n"                                                                                                       \
    "      \"translationMapDefaults\": {},\n"                                                                          \
    "      \"successTemplate\": "                                                                                      \
    "\"{\\r\\n\\\"id\\\":${filter1},\\r\\n\\\"name\\\":${filter2},\\r\\n\\\"enabled\\\":${filter3},"                   \
    "\\r\\n\\\"emergencyFlow-names\\\":${filter4},\\r\\n\\\"emergencyFlow-ids\\\":${filter5},\\r\\n\\\"ivr-names\\\":" \
    "${filter6},\\r\\n\\\"ivr-ids\\\":${filter7}\\r\\n}\"\n"                                                           \
    "    }\n"                                                                                                          \
    "  }"

#endif
