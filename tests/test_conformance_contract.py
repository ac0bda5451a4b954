"""The suite reads the execution lifecycle from the spec, not from code."""

from __future__ import annotations

from ccr_conformance.contract import Contract, Lifecycle

from ccr_contract.spec import load_spec


def test_lifecycle_comes_from_x_bce_lifecycle() -> None:
    stopped = Lifecycle("InProgress", ("Succeed", "Failed", "Stopped"), "Stopped")
    assert Contract().lifecycle_for("stopExecution") == stopped
    spec = load_spec()
    spec["components"]["schemas"]["ExecutionStatus"]["x-bce-lifecycle"].update(initial="Running", stopped="Halted")
    assert Contract(spec).lifecycle_for("stopExecution") == Lifecycle("Running", stopped.final, "Halted")


def test_a_spec_without_a_lifecycle_states_none() -> None:
    spec = load_spec()
    del spec["components"]["schemas"]["ExecutionStatus"]["x-bce-lifecycle"]
    assert Contract(spec).lifecycle_for("stopExecution") is None
    assert Contract(spec).lifecycle_for("StopImageMigration") is not None


def test_option_and_run_reprs_never_show_the_secret_key() -> None:
    from ccr_conformance.runner import SuiteOptions

    options = SuiteOptions(base_url="http://127.0.0.1:1", access_key="ak", secret_key="SUPERSECRET-SK")
    assert "SUPERSECRET-SK" not in repr(options)


def test_limits_the_suite_uses_come_from_the_spec() -> None:
    from ccr_conformance.checks.pagination import page_size_cap

    spec = load_spec()
    spec["components"]["parameters"]["PageSize"]["schema"]["maximum"] = 50
    spec["components"]["schemas"]["PolicyInput"]["properties"]["name"]["maxLength"] = 40
    contract = Contract(spec)
    listing = contract.by_id["listPolicies"]
    assert page_size_cap(listing) == 50
    assert contract.max_name_length == 40


def test_reference_fields_come_from_the_resource_model() -> None:
    """A body field names another collection's item because x-bce-resources says so (``references``),
    not because a link happens to connect two operations."""
    assert Contract().reference_fields == {"srcRegistry": "registryId"}
    spec = load_spec()
    del spec["x-bce-resources"]["personalPolicies"]["references"]
    assert Contract(spec).reference_fields == {}
    links = load_spec()
    del links["paths"]["/v1/ccr/registries"]["get"]["responses"]["200"]["links"]["CreatePolicyFromListedRegistry"]
    assert Contract(links).reference_fields == {"srcRegistry": "registryId"}
