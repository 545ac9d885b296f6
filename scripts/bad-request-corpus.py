#!/usr/bin/env python3
"""Writes the corpus of malformed explainer requests used by BadRequestCorpusTests.

Every case is one JSON line: an id, the request (content_type, accept, custom_attributes, and the body as
"body" text, "body_base64" bytes, or "repeat" {prefix, unit, count, suffix} for oversized bodies, optionally
"chunked" to send it without Content-Length) and what the explainer must answer: "status", the problem
"type" slug, and strings the problem's detail must contain ("detail_contains"), plus the "field" a schema
problem must name. The corpus is built from the example application of credit-core's schema, so rerunning
this script after a schema change regenerates it (deterministic: no randomness, fixed order).

    python3 scripts/bad-request-corpus.py > explainer-service/src/test/resources/bad-requests/corpus.jsonl
"""
import base64
import json
import sys
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "credit-core/src/main/resources/com/example/credit/core/schema"
SCHEMA = json.loads((SCHEMA_DIR / "data.schema.json").read_text(), object_pairs_hook=OrderedDict)
EXAMPLE = json.loads((SCHEMA_DIR / "example-application.json").read_text(), object_pairs_hook=OrderedDict)
FEATURES = [name for name in SCHEMA["properties"] if name != "row_id"]
CATEGORICAL = [n for n in FEATURES if SCHEMA["properties"][n]["type"] == "string"]
NUMERIC = [n for n in FEATURES if SCHEMA["properties"][n]["type"] == "integer"]
JSON = "application/json"
LINES = "application/jsonlines"
CSV = "text/csv"
LIMIT = 6 * 1024 * 1024

cases = []


def case(id, body=None, content_type=JSON, status=400, type="malformed-body", detail=(), field=None, **extra):
    c = OrderedDict(id=id, content_type=content_type)
    if isinstance(body, bytes):
        c["body_base64"] = base64.b64encode(body).decode()
    elif body is not None:
        c["body"] = body
    c.update(extra)
    c["status"] = status
    c["type"] = type
    c["detail_contains"] = list(detail)
    if field is not None:
        c["field"] = field
    cases.append(c)


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def with_value(name, raw):
    """The example as JSON text with one value replaced by raw JSON text (which may be invalid JSON)."""
    parts = [json.dumps(k) + ":" + (raw if k == name else compact(v)) for k, v in EXAMPLE.items()]
    return "{" + ",".join(parts) + "}"


def csv_row(app):
    return ",".join(str(app[n]) for n in FEATURES)


VALID = compact(EXAMPLE)
VALID_CSV = csv_row(EXAMPLE)

# Broken JSON: every proper prefix of an object is invalid; stray structural characters.
for cut in range(1, len(VALID), max(1, len(VALID) // 40)):
    case(f"json-truncated-at-{cut}", VALID[:cut], detail=["malformed JSON"])
for i, junk in enumerate(["{", "}", "[", "]", ":", ",", '"']):
    for pos in (0, 1, len(VALID) // 3, len(VALID) - 1):
        text = VALID[:pos] + junk + VALID[pos:]
        if pos == len(VALID) // 3 and junk not in "{}[]":
            continue  # may land inside a string: covered by the property test, which knows it is still a 400
        case(f"json-stray-{i}-at-{pos}", text, detail=["malformed JSON"])
case("json-trailing-garbage", VALID + " x", detail=["malformed JSON"])
case("json-two-objects", VALID + VALID, detail=["malformed JSON"])
case("json-single-quotes", VALID.replace('"', "'"), detail=["malformed JSON"])
case("json-unquoted-keys", VALID.replace('"credit__amount"', "credit__amount"), detail=["malformed JSON"])
case("json-comment", "/* hi */" + VALID, detail=["malformed JSON"])
case("json-trailing-comma", VALID[:-1] + ",}", detail=["malformed JSON"])
case("json-duplicate-key", VALID[:-1] + ',"credit__amount":3}', detail=["Duplicate", "credit__amount"])
case("json-bom", b"\xef\xbb\xbf" + VALID.encode(), detail=["malformed JSON"])
case("json-xml", "<application><amount>1</amount></application>", detail=["malformed JSON"])
case("json-form-encoded", "credit__amount=5951&credit__purpose=electronics", detail=["malformed JSON"])

# Wrong top-level shapes.
for name, text, words in [
    ("null", "null", ["NULL"]),
    ("number", "42", ["NUMBER"]),
    ("string", '"application"', ["STRING"]),
    ("true", "true", ["BOOLEAN"]),
    ("empty-array", "[]", ["no records"]),
    ("array-of-numbers", "[1,2]", ["record 1", "NUMBER"]),
    ("array-of-arrays", "[[]]", ["record 1", "ARRAY"]),
    ("array-with-null", "[" + VALID + ",null]", ["record 2", "NULL"]),
    ("array-with-string", "[" + VALID + ',"x"]', ["record 2", "STRING"]),
]:
    case(f"json-top-level-{name}", text, detail=words)

# Non-numbers, huge numbers and nesting.
for i, raw in enumerate(["NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "+1", "01", ".5", "0x10", "1_000", "1.", "--1", "1e", "١٢"]):
    case(f"number-token-{i}", with_value("credit__amount", raw), detail=["malformed JSON"])
for i, raw in enumerate(["1e400", "-1e400"]):
    case(f"number-overflow-{i}", with_value("credit__amount", raw), type="invalid-application",
         detail=["credit__amount"], field="credit__amount")
for i, raw in enumerate(["9" * 30, "-" + "9" * 30, "1e308", "9223372036854775808", "-9223372036854775809", "0", "-1", "1000001"]):
    case(f"number-out-of-range-{i}", with_value("credit__amount", raw), type="invalid-application",
         detail=["credit__amount"], field="credit__amount")
for i, raw in enumerate(["1.5", "4.000001", "1e-7"]):
    case(f"number-fraction-{i}", with_value("credit__installment_rate", raw), type="invalid-application",
         detail=["credit__installment_rate", "integer"], field="credit__installment_rate")
# A fraction within the range breaks the integer type, not the range (Jackson 3 does not convert it to a long).
for i, raw in enumerate(["571.5", "999999.5", "1.05"]):
    case(f"number-fraction-amount-{i}", with_value("credit__amount", raw), type="invalid-application",
         detail=["credit__amount", "integer"], field="credit__amount", detail_lacks=["maximum", "minimum"])
case("number-1001-digits", with_value("credit__amount", "9" * 1001), detail=["Number value length"])
def around(name):
    """The example's JSON text before and after the value of one field, for long values sent as a repeat."""
    before, after = with_value(name, "\u0000").split("\u0000")
    return before, after


case("number-100000-digits", repeat={"prefix": around("credit__amount")[0], "unit": "9", "count": 100000,
                                     "suffix": around("credit__amount")[1]}, detail=["Number value length"])
for depth in (501, 2000):
    case(f"nesting-array-{depth}", "[" * depth + "]" * depth, detail=["nesting depth"])
case("nesting-array-100000-unclosed", repeat={"prefix": "", "unit": "[", "count": 100000, "suffix": ""},
     detail=["nesting depth"])
case("nesting-in-value", with_value("credit__amount", "[" * 600 + "1" + "]" * 600), detail=["nesting depth"])
case("nesting-objects", '{"a":' * 600 + "1" + "}" * 600, detail=["nesting depth"])
case("long-string-value", repeat={"prefix": around("credit__purpose")[0] + '"', "unit": "x", "count": 100000,
                                  "suffix": '"' + around("credit__purpose")[1]}, type="invalid-application",
     detail=["credit__purpose"], field="credit__purpose")

# Wrong types for every feature.
WRONG_FOR_NUMBER = ['"5"', '"five"', "true", "null", "[]", "{}", "[1]"]
WRONG_FOR_STRING = ["1", "true", "null", "[]", "{}", '["own"]']
for name in FEATURES:
    wrong = WRONG_FOR_NUMBER if name in NUMERIC else WRONG_FOR_STRING
    for i, raw in enumerate(wrong):
        case(f"type-{name}-{i}", with_value(name, raw), type="invalid-application", detail=[name], field=name)

# Unknown categories.
for name in CATEGORICAL:
    known = SCHEMA["properties"][name]["enum"][0]
    for i, value in enumerate([known.upper(), "", " " + known, known + "\u0000", "yacht", "\u00e9l\u00e9ctronics", "no_account" if name == "employment__type" else "none_of_these"]):
        case(f"category-{name}-{i}", with_value(name, json.dumps(value)), type="invalid-application",
             detail=[name], field=name)
for name in ["contact__has_telephone", "credit__coapplicant", "credit__guarantor"]:
    case(f"flag-{name}-2", with_value(name, "2"), type="invalid-application", detail=[name], field=name)

# Missing and extra fields.
for name in FEATURES:
    app = OrderedDict((k, v) for k, v in EXAMPLE.items() if k != name)
    case(f"missing-{name}", compact(app), type="invalid-application", detail=[name, "required"], field=name)
case("missing-everything", "{}", type="invalid-application", detail=["required"], field="credit__amount")
for extra in ["personal__name", "person_id", "credit__default", "Credit__amount", "", "__proto__", "k" * 5000]:
    app = OrderedDict(EXAMPLE)
    app[extra] = "x"
    case(f"extra-{extra[:20] or 'empty'}", compact(app), type="invalid-application", detail=["additionalProperties"],
         field=extra)
case("row-id-wrong-type", with_value("credit__amount", "5951") [:-1] + ',"row_id":5}', type="invalid-application",
     detail=["row_id"], field="row_id")

# Empty and blank bodies.
for ct in (JSON, LINES, CSV):
    short = ct.split("/")[1]
    case(f"empty-{short}", "", content_type=ct, detail=["empty"])
    case(f"blank-{short}", " \n\t\r\n ", content_type=ct, detail=["empty"])

# Wrong charset: the explainer reads UTF-8 only.
for name, body in [
    ("latin1", '{"credit__purpose":"\u00e9"}'.encode("latin-1")),
    ("utf16", VALID.encode("utf-16")),
    ("utf32", VALID.encode("utf-32")),
    ("lone-surrogate", b'{"credit__purpose":"\xed\xa0\x80"}'),
    ("overlong-slash", b'{"credit__purpose":"\xc0\xaf"}'),
    ("invalid-byte", b'{"credit__purpose":"\xff"}'),
    ("truncated-sequence", VALID.encode()[:-2] + b"\xe2\x82}"),
    ("cp1252-csv", (VALID_CSV.replace("electronics", "\u00e9lectronics")).encode("cp1252")),
]:
    ct = CSV if name.endswith("csv") else JSON
    case(f"charset-{name}", body, content_type=ct, detail=["UTF-8"])
case("charset-utf16le", VALID.encode("utf-16-le"), detail=["malformed JSON"])
case("charset-declared-latin1", '{"credit__purpose":"\u00e9"}'.encode("latin-1"),
     content_type=JSON + ";charset=ISO-8859-1", detail=["UTF-8"])

# Oversized payloads (6 MB limit), with and without Content-Length, in every format.
for ct in (JSON, LINES, CSV):
    short = ct.split("/")[1]
    case(f"oversized-{short}-spaces", content_type=ct, repeat={"prefix": "", "unit": " ", "count": LIMIT + 1, "suffix": ""},
         status=413, type="payload-too-large", detail=["6 MB"])
    case(f"oversized-{short}-chunked", content_type=ct, chunked=True,
         repeat={"prefix": "", "unit": VALID + "\n", "count": LIMIT // len(VALID) + 10, "suffix": ""},
         status=413, type="payload-too-large", detail=["6 MB"])
case("oversized-json-array", repeat={"prefix": "[", "unit": VALID + ",", "count": LIMIT // len(VALID) + 10, "suffix": VALID + "]"},
     status=413, type="payload-too-large", detail=["6 MB"])
case("oversized-one-string", repeat={"prefix": '{"credit__purpose":"', "unit": "x", "count": LIMIT + 1, "suffix": '"}'},
     status=413, type="payload-too-large", detail=["6 MB"])

# Many records, all bad: the problem lists the first violations and stops (no heap exhaustion).
case("many-empty-objects", repeat={"prefix": "[{}", "unit": ",{}", "count": 1_000_000, "suffix": "]"},
     type="invalid-application", detail=["validation stopped after"], field="contact__has_telephone")
case("many-empty-lines", content_type=LINES, repeat={"prefix": "", "unit": "{}\n", "count": 1_000_000, "suffix": ""},
     type="invalid-application", detail=["validation stopped after"], field="contact__has_telephone")
case("many-empty-csv-rows", content_type=CSV, repeat={"prefix": "", "unit": "," * 19 + "\n", "count": 200_000, "suffix": ""},
     type="invalid-application", detail=["validation stopped after"], field="contact__has_telephone")

# JSON Lines.
for name, body, words in [
    ("array-line", VALID + "\n[1]\n", ["line 2", "ARRAY"]),
    ("number-line", VALID + "\n7\n", ["line 2", "NUMBER"]),
    ("broken-line", VALID + "\n" + VALID + "\n{not json\n", ["line 3"]),
    ("two-objects-one-line", VALID + VALID + "\n", ["line 1"]),
    ("truncated-last-line", VALID + "\n" + VALID[:50], ["line 2"]),
    ("json-array-as-lines", "[" + VALID + "]\n", ["line 1", "ARRAY"]),
    ("null-line", VALID + "\nnull\n", ["line 2"]),
]:
    case(f"jsonlines-{name}", body, content_type=LINES, detail=words)
for name in ("credit__purpose", "credit__amount"):
    case(f"jsonlines-bad-value-{name}", VALID + "\n" + with_value(name, "[]") + "\n", content_type=LINES,
         type="invalid-application", detail=["line 2", name], field=name)

# CSV with the wrong column count, quoting and cell problems.
cells = VALID_CSV.split(",")
for count in [1, 2, 10, 19, 21, 22, 40]:
    row = ",".join((cells * 3)[:count])
    case(f"csv-{count}-columns", row + "\n", content_type=CSV, detail=[f"has {count} values", "20"])
case("csv-second-line-short", VALID_CSV + "\n" + ",".join(cells[:-1]) + "\n", content_type=CSV, detail=["line 2", "19 values"])
case("csv-semicolons", VALID_CSV.replace(",", ";") + "\n", content_type=CSV, detail=["has 1 values"])
case("csv-tabs", VALID_CSV.replace(",", "\t") + "\n", content_type=CSV, detail=["has 1 values"])
case("csv-unclosed-quote", '"' + VALID_CSV + "\n", content_type=CSV, detail=["unclosed quote"])
case("csv-quote-in-middle", VALID_CSV.replace("electronics", 'elec"tronics', 1) + "\n", content_type=CSV,
     type="invalid-application", detail=["line 1", "credit__purpose"], field="credit__purpose")
case("csv-wrong-header", ",".join(reversed(FEATURES)) + "\n" + VALID_CSV + "\n", content_type=CSV,
     type="invalid-application", detail=["line 1"], field=FEATURES[0])
case("csv-json-body", VALID, content_type=CSV, detail=["line 1"])
for i, name in enumerate(FEATURES):
    for j, value in enumerate(["x", "yacht" if name in CATEGORICAL else "1.5", "NaN", "Infinity", "1e400", "1e308", "-0x1", '""']):
        row = list(cells)
        row[i] = value
        case(f"csv-cell-{name}-{j}", ",".join(row) + "\n", content_type=CSV, type="invalid-application",
             detail=[name], field=name)

# Bad entities and options.
for i, entities in enumerate(["magic", "prediction,magic", "shap", "explanation", "data,,features?", "prediction,reason", "predictions"]):
    case(f"entities-param-{i}", VALID, content_type=JSON + ";entities=" + entities, type="unknown-entity", detail=[])
case("entities-attribute", VALID, custom_attributes="entities=nope", type="unknown-entity", detail=["nope"])
for i, fmt in enumerate(["lime", "shap", "", "clarify2"]):
    case(f"explanation-format-{i}", VALID, custom_attributes="explanation_format=" + fmt, type="invalid-option", detail=[])

# Bad explanation methods and reference sets (the golden model ships the reference sets background and approved).
for i, method in enumerate(["tree", "kernel", "", "interventional2", "path-dependent"]):
    case(f"explanation-method-{i}", VALID, content_type=JSON + ";explanation_method=" + method, type="invalid-option",
         detail=["explanation_method", "path_dependent, interventional"])
for i, reference in enumerate(["declined", "Background", "approved2", "../background.jsonl"]):
    case(f"reference-unknown-{i}", VALID, custom_attributes="explanation_method=interventional;reference=" + reference,
         type="unknown-reference", detail=["background, approved"])
case("reference-without-interventional", VALID, content_type=JSON + ";reference=approved", type="invalid-option",
     detail=["explanation_method=interventional"])
case("reference-empty", VALID, content_type=JSON + ";explanation_method=interventional;reference=",
     type="invalid-option", detail=["reference"])
case("interventional-interactions", VALID,
     content_type=JSON + ";entities=explanation_shap_interaction_values;explanation_method=interventional",
     type="invalid-option", detail=["no exact interventional interaction values"])
case("original-without-its-entities", VALID, content_type=JSON + ";entities=reasons;explanation_format=original",
     type="invalid-option", detail=["explanation_format=original"])
# 3042 records against the 200 rows of background with the golden model's 1644 leaves: 1000209600 walks, over
# explainer.max-interventional-work (1e9), which allows 3041.
case("interventional-over-the-limit", content_type=LINES + ";explanation_method=interventional",
     repeat={"prefix": "", "unit": VALID + "\n", "count": 3042, "suffix": ""}, type="interventional-limit",
     detail=["explainer.max-interventional-work", "at most 3041 records"])

# Bad Accept.
for i, accept in enumerate(["text/csv", "image/png", "application/xml", "text/html", "application/problem+json",
                            "application/json;q=0", "text/*"]):
    case(f"accept-{i}", VALID, accept=accept, status=406, type="not-acceptable", detail=[])
case("accept-jsonlines-clarify", VALID, content_type=JSON + ";explanation_format=clarify", accept=LINES,
     status=406, type="not-acceptable", detail=[])

# Bad Content-Type.
for i, ct in enumerate(["application/xml", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                        "application/octet-stream", "json", "application/json-patch+json", "text/json", "image/png",
                        "application/jsonlinesx", "text/csvx", "text/tab-separated-values"]):
    case(f"content-type-{i}", VALID, content_type=ct, status=415, type="unsupported-content-type", detail=[])
case("content-type-missing", VALID, content_type=None, status=415, type="unsupported-content-type", detail=[])

for c in cases:
    sys.stdout.write(json.dumps(c, ensure_ascii=True, separators=(",", ":")) + "\n")
sys.stderr.write(f"{len(cases)} cases\n")
