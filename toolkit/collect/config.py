"""Settings of a collection run: politeness, limits, which hosts are official."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .. import __version__ as _version

USER_AGENT = f"fazhi-toolkit/{_version} (collect: annual rule-of-law reports; polite crawler)"
ROBOTS_AGENT = "fazhi-toolkit"


class CollectConfig(BaseModel):
    """How a collection behaves; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    delay: float = Field(1.0, ge=0, description="seconds between two requests to one host")
    timeout: float = Field(20.0, gt=0, description="seconds before a request is given up")
    retries: int = Field(3, ge=0, description="retries on 429/5xx and network errors")
    backoff: float = Field(1.0, ge=0, description="first retry wait; doubles each time")
    max_retry_after: float = Field(120.0, ge=0, description="longest Retry-After honoured")
    max_bytes: int = Field(16 * 1024 * 1024, gt=0, description="size cap of one download")
    max_unpacked: int = Field(200 * 1024 * 1024, gt=0, description="cap of a .docx unpacked")
    max_redirects: int = Field(10, ge=0)
    workers: int = Field(4, ge=1, description="hosts fetched at once (one request per host)")
    user_agent: str = USER_AGENT
    robots_agent: str = ROBOTS_AGENT
    trust_env: bool = Field(True, description="use proxy settings from the environment")
    # Hosts that are a government's own site; a copy there wins over mirrors.
    official_hosts: tuple[str, ...] = (".gov.cn", ".gov")
    near_threshold: float = Field(0.7, gt=0, le=1, description="Jaccard of a near duplicate")
    recheck: bool = Field(False, description="ask again (conditionally) for collected pages")
    follow_list: bool = False

    def is_official(self, host: str) -> bool:
        host = host.lower().split(":")[0]
        return any(host == h.lstrip(".") or host.endswith(h) for h in self.official_hosts)
