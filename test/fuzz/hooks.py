"""Schemathesis hooks of the API fuzzer (test/fuzz/openapi-fuzz.test.ts loads this file via SCHEMATHESIS_HOOKS).

Three of schemathesis' checks, each run as itself but for what the document declares (from api/routes):
- positive_data_acceptance: a schema-valid request must be accepted, except for the refusals its operation lists
  as rules (`x-rules`): a start in the past, a day not over, a cursor this API never gave out, a reused
  Idempotency-Key, a declined payment.
- ensure_resource_availability: no 404 right after a POST created the resource, except with a rule's code
  (DELETE /events/{id}/registrations/me is the caller's place, which POST /events does not create).
- use_after_free: no resource answered after its DELETE, except after a DELETE the document calls a soft delete
  (`x-soft-delete`: a cancelled event, an inactive quest stay readable).
A rule excuses only an answer with its status and code, and, for a rule that names a field, only when every field
the answer's `details` name is one of its rules' fields. Anything else fails as the built-in check does; and no
answer >= 500 is ever excused (not_a_server_error runs as it is: a 503 PAYMENT_UNAVAILABLE is a finding).
"""

import json

import schemathesis
from schemathesis.openapi.checks import EnsureResourceAvailability, RejectedPositiveData, UseAfterFree
from schemathesis.specs.openapi.checks import (
    ensure_resource_availability,
    positive_data_acceptance,
    use_after_free,
)


def _answer(response):
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return None, set()
    if not isinstance(body, dict):
        return None, set()
    details = body.get("details")
    fields = {d.get("field") for d in details if isinstance(d, dict)} if isinstance(details, list) else set()
    return body.get("code"), fields


def _refused_by_a_rule(case, response) -> bool:
    code, fields = _answer(response)
    matching = [
        rule
        for rule in case.operation.definition.raw.get("x-rules", [])
        if rule.get("status") == response.status_code and rule.get("code") == code
    ]
    if not matching:
        return False
    if any("field" not in rule for rule in matching):
        return True
    return bool(fields) and fields <= {rule["field"] for rule in matching}


def _soft_deletes(schema) -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, operations in schema.raw_schema.get("paths", {}).items()
        for method, operation in operations.items()
        if isinstance(operation, dict) and operation.get("x-soft-delete") is True
    }


@schemathesis.check
def positive_data_acceptance_but_rules(ctx, response, case):
    """Schema-valid data is accepted, unless the operation's own `x-rules` name the refusal."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if _refused_by_a_rule(case, response):
            return None
        raise


@schemathesis.check
def ensure_resource_availability_but_rules(ctx, response, case):
    """A created resource is available, unless the 404 is one of the operation's own `x-rules`."""
    try:
        return ensure_resource_availability(ctx, response, case)
    except EnsureResourceAvailability:
        if _refused_by_a_rule(case, response):
            return None
        raise


@schemathesis.check
def use_after_free_but_soft_deletes(ctx, response, case):
    """A deleted resource is gone, unless the DELETE is one the document calls a soft delete."""
    try:
        return use_after_free(ctx, response, case)
    except UseAfterFree as failure:
        if failure.operation in _soft_deletes(case.operation.schema):
            return None
        raise
