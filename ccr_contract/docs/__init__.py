"""The documentation site builder behind ``ccr-contract docs`` (see ``builder.build_site``)."""

from ccr_contract.docs.builder import BuildResult, build_site
from ccr_contract.docs.errors import DocsError
from ccr_contract.docs.pages import PAGES, Page

__all__ = ["PAGES", "BuildResult", "DocsError", "Page", "build_site"]
