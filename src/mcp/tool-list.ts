/** The tools/list answer, written by `npm run tool-list` from the registry (describe.ts). Do not edit. */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

export const TOOL_LIST: readonly Tool[] = [
  {
    "name": "diagnose",
    "title": "Diagnose a delivery problem",
    "description": "Diagnose a Sent delivery problem from free text, logs, payloads or message IDs: looked-up messages decide, wording ranks the rest. Never paste an API key.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "text": {
          "type": "string",
          "minLength": 1,
          "maxLength": 1000000,
          "description": "The text as written"
        },
        "context": {
          "description": "Message IDs from earlier turns",
          "type": "object",
          "properties": {
            "message_ids": {
              "default": [],
              "maxItems": 20,
              "type": "array",
              "items": {
                "type": "string",
                "maxLength": 100
              }
            }
          }
        },
        "lookups": {
          "default": true,
          "description": "Look message IDs up",
          "type": "boolean"
        },
        "explain": {
          "description": "Add why: rule, votes, model features",
          "type": "boolean"
        },
        "detail": {
          "description": "brief (MCP default) or full (evidence, lookups, payload checks, bundle)",
          "type": "string",
          "enum": [
            "brief",
            "full"
          ]
        }
      },
      "required": [
        "text"
      ]
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "detail": {
          "type": "string",
          "const": "brief"
        },
        "conclusive": {
          "type": "boolean"
        },
        "off_topic": {
          "type": "boolean"
        },
        "messages": {
          "type": "array"
        },
        "scenarios": {
          "type": "array"
        }
      },
      "required": [
        "conclusive",
        "off_topic",
        "messages",
        "scenarios"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": true
    }
  },
  {
    "name": "lookup_message",
    "title": "Look up a Sent message",
    "description": "Look up one Sent message (UUID or msg_…): its verdict and concrete cause, status, timeline and codes.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "message_id": {
          "type": "string",
          "minLength": 1,
          "maxLength": 200,
          "description": "The message ID: a UUID, or msg_… (sandbox IDs start with msg_test_)"
        }
      },
      "required": [
        "message_id"
      ]
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "message_id": {
          "type": "string"
        },
        "status": {
          "type": "string"
        },
        "channel": {
          "type": [
            "string",
            "null"
          ]
        },
        "channel_attempted": {
          "type": "string"
        },
        "fallback_reason": {
          "type": "string"
        },
        "recipient": {
          "type": [
            "string",
            "null"
          ]
        },
        "region_code": {
          "type": "string"
        },
        "sandbox": {
          "type": "boolean"
        },
        "sender_profile_id": {
          "type": "string"
        },
        "timeline": {
          "type": "array"
        },
        "error_codes": {
          "type": "array"
        },
        "template": {
          "type": "object"
        },
        "variables": {
          "type": "object"
        },
        "body": {
          "type": "string"
        },
        "price": {
          "type": [
            "number",
            "null"
          ]
        },
        "reason_code": {
          "type": "string"
        },
        "reason": {
          "type": "string"
        },
        "scheduled_at": {
          "type": "string"
        },
        "created_at": {
          "type": "string"
        },
        "sender": {
          "type": "object"
        },
        "found": {
          "type": "boolean"
        },
        "verdict": {
          "type": "object"
        },
        "warnings": {
          "type": "array"
        },
        "looked_up_at": {
          "type": "object"
        }
      },
      "required": [
        "message_id",
        "found",
        "verdict",
        "looked_up_at"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": true,
      "idempotentHint": true
    }
  },
  {
    "name": "validate_payload",
    "title": "Validate a send payload",
    "description": "Check a POST /v3/messages body or curl command (either dialect): findings with fixes and a corrected payload.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "payload": {
          "anyOf": [
            {
              "type": "string"
            },
            {
              "type": "object",
              "propertyNames": {
                "type": "string"
              },
              "additionalProperties": {}
            },
            {
              "type": "array",
              "items": {}
            },
            {
              "type": "number"
            },
            {
              "type": "boolean"
            },
            {
              "type": "null"
            }
          ],
          "description": "The body: an object, JSON, a curl command or a log line (max 256 KB)"
        },
        "template_variables": {
          "description": "The template's variable names or count; else fetched from Sent",
          "anyOf": [
            {
              "maxItems": 200,
              "type": "array",
              "items": {
                "type": "string",
                "maxLength": 200
              }
            },
            {
              "type": "integer",
              "minimum": 0,
              "maximum": 200
            }
          ]
        }
      },
      "required": [
        "payload"
      ]
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "valid": {
          "type": "boolean"
        },
        "dialect": {
          "type": "string",
          "enum": [
            "guide",
            "sdk",
            "mixed",
            "unknown"
          ]
        },
        "input_kind": {
          "type": "string",
          "enum": [
            "object",
            "json",
            "curl",
            "text",
            "none"
          ]
        },
        "findings": {
          "type": "array"
        },
        "corrected": {
          "type": [
            "object",
            "null"
          ]
        },
        "corrected_curl": {
          "type": "string"
        }
      },
      "required": [
        "valid",
        "dialect",
        "input_kind",
        "findings",
        "corrected"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": true,
      "idempotentHint": true
    }
  },
  {
    "name": "check_api_key",
    "title": "Check an API key",
    "description": "Check a Sent API key offline (whitespace, quotes, Bearer, placeholder) and with GET /v3/me; omit it to check the configured key.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "api_key": {
          "description": "The key to check, exactly as you use it; omit to check the configured key",
          "type": "string"
        }
      }
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "fingerprint": {
          "type": "string"
        },
        "source": {
          "type": "string",
          "enum": [
            "input",
            "config",
            "none"
          ]
        },
        "format": {
          "type": "object"
        },
        "live": {
          "type": "object"
        },
        "notes": {
          "type": "array"
        }
      },
      "required": [
        "fingerprint",
        "source",
        "format",
        "live",
        "notes"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": true,
      "idempotentHint": true
    }
  },
  {
    "name": "get_coverage",
    "title": "SMS coverage by country",
    "description": "SMS sender rules for one country (code, name, city or number): sender ID types, registration, filtering, with sources.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "country": {
          "type": "string",
          "minLength": 1,
          "maxLength": 200,
          "description": "ISO code, country name (any language), city, calling code or E.164 number"
        }
      },
      "required": [
        "country"
      ]
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "iso2": {
          "type": "string"
        },
        "country": {
          "type": "string"
        },
        "calling_code": {
          "type": "string"
        },
        "matched_via": {
          "type": "string"
        },
        "alphanumeric": {
          "type": "object"
        },
        "long_code": {
          "type": "object"
        },
        "short_code_notes": {
          "type": "string"
        },
        "content_registration_required": {
          "type": "string",
          "enum": [
            "yes",
            "no",
            "unknown"
          ]
        },
        "known_filtering": {
          "type": "string"
        },
        "recommended_sender": {
          "type": "string"
        },
        "findings": {
          "type": "array"
        },
        "sources": {
          "type": "array"
        },
        "as_of": {
          "type": "string"
        }
      },
      "required": [
        "iso2",
        "country",
        "calling_code",
        "matched_via",
        "alphanumeric",
        "long_code",
        "short_code_notes",
        "content_registration_required",
        "known_filtering",
        "recommended_sender",
        "findings",
        "sources",
        "as_of"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": false,
      "idempotentHint": true
    }
  },
  {
    "name": "search_knowledge",
    "title": "Search the knowledge base",
    "description": "Search the knowledge base of Sent delivery problems by words or codes.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "query": {
          "type": "string",
          "minLength": 1,
          "maxLength": 2000,
          "description": "What to look for, in plain words or codes"
        },
        "limit": {
          "default": 5,
          "description": "How many results",
          "type": "integer",
          "minimum": 1,
          "maximum": 13
        }
      },
      "required": [
        "query"
      ]
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "results": {
          "type": "array"
        }
      },
      "required": [
        "results"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": false,
      "idempotentHint": true
    }
  },
  {
    "name": "check_account",
    "title": "Account checkup",
    "description": "Read-only checkup of the configured account: key, status, channels, templates, webhooks, US 10DLC; each check with its fix.",
    "inputSchema": {
      "type": "object",
      "properties": {}
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "checks": {
          "type": "array"
        },
        "summary": {
          "type": "object"
        }
      },
      "required": [
        "checks",
        "summary"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": true,
      "idempotentHint": true
    }
  },
  {
    "name": "recent_failures",
    "title": "Recent failures by scenario",
    "description": "Failed, filtered and blocked message events of the last hour or day, by scenario, with example IDs.",
    "inputSchema": {
      "type": "object",
      "properties": {
        "window": {
          "default": "24h",
          "description": "Rolling window: the last hour (5-minute steps) or the last 24 hours (hourly steps)",
          "type": "string",
          "enum": [
            "1h",
            "24h"
          ]
        }
      }
    },
    "outputSchema": {
      "type": "object",
      "properties": {
        "window": {
          "type": "string",
          "enum": [
            "1h",
            "24h"
          ]
        },
        "since": {
          "type": "string"
        },
        "until": {
          "type": "string"
        },
        "total": {
          "type": "integer"
        },
        "by_scenario": {
          "type": "array"
        },
        "note": {
          "type": "string"
        }
      },
      "required": [
        "window",
        "since",
        "until",
        "total",
        "by_scenario",
        "note"
      ]
    },
    "annotations": {
      "readOnlyHint": true,
      "destructiveHint": false,
      "openWorldHint": false,
      "idempotentHint": true
    }
  }
];
