"""Dense embeddings from any OpenAI-compatible `/v1/embeddings` endpoint (OpenAI, Qwen,
vLLM, Ollama…), stored per chunk and model in the corpus store."""

from __future__ import annotations

import os

import numpy as np

from ..errors import BackendError, ConfigError
from ..i18n import _
from .records import Progress, Store
from .store import CorpusStore


class Embedder:
    """Embeds texts with one model; `client` may be a ready `openai.OpenAI` object."""

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        client: object | None = None,
        batch_size: int = 64,
        timeout: float = 60.0,
        max_retries: int = 3,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        if client is None:
            import openai

            base_url = base_url or os.environ.get("OPENAI_BASE_URL")
            api_key = api_key or os.environ.get("OPENAI_API_KEY")
            if not api_key:
                if not base_url:
                    raise ConfigError(
                        _("no embeddings endpoint configured: set OPENAI_BASE_URL (and "
                          "OPENAI_API_KEY for hosted providers)")
                    )  # fmt: skip
                api_key = "not-needed"  # local servers (vLLM, Ollama) accept any key
            client = openai.OpenAI(
                base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries
            )
        self.client = client
        self._cache: tuple[int, int, np.ndarray, np.ndarray] | None = None

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        import openai

        rows: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = texts[i : i + self.batch_size]
            try:
                resp = self.client.embeddings.create(model=self.model, input=batch)  # type: ignore[attr-defined]
            except openai.AuthenticationError:
                raise BackendError(
                    _("embeddings endpoint refused the API key (401): check OPENAI_API_KEY")
                ) from None
            except openai.APIError as exc:
                raise BackendError(
                    _("embeddings endpoint failed: {why}").format(
                        why=f"{type(exc).__name__}: {_short(exc)}"
                    )
                ) from None
            data = sorted(resp.data, key=lambda d: d.index)
            if len(data) != len(batch):
                raise BackendError(
                    _("embeddings endpoint returned {n} vectors for {texts} texts").format(
                        n=len(data), texts=len(batch)
                    )
                )
            rows.extend(d.embedding for d in data)
        arr = np.asarray(rows, dtype=np.float32)
        if arr.ndim != 2 or not np.isfinite(arr).all():
            raise BackendError(_("embeddings endpoint returned malformed vectors"))
        norms = np.linalg.norm(arr, axis=1, keepdims=True)
        return arr / np.where(norms == 0, 1.0, norms)

    def index_store(self, store: Store, progress: Progress | None = None) -> int:
        """Embed every chunk that has no vector for this model yet (resumable); returns how many."""
        todo = store.unembedded(self.model)
        done = 0
        for i in range(0, len(todo), self.batch_size):
            batch = todo[i : i + self.batch_size]
            store.put_embeddings(self.model, [cid for cid, _ in batch], self.embed([t for _, t in batch]))
            done += len(batch)
            if progress:
                progress(done, len(todo))
        return done

    def _matrix(self, store: CorpusStore) -> tuple[np.ndarray, np.ndarray]:
        gen = store.generation
        count = store.con.execute(
            "SELECT COUNT(*) FROM embeddings WHERE model=?", (self.model,)
        ).fetchone()[0]
        if self._cache and self._cache[:2] == (gen, count):
            return self._cache[2], self._cache[3]
        rows = store.con.execute(
            "SELECT chunk_id, vector FROM embeddings WHERE model=? ORDER BY chunk_id", (self.model,)
        )
        ids, vecs = [], []
        for cid, blob in rows:
            ids.append(cid)
            vecs.append(np.frombuffer(blob, dtype=np.float32))
        id_arr = np.asarray(ids, dtype=np.int64)
        mat = np.vstack(vecs) if vecs else np.empty((0, 0), dtype=np.float32)
        self._cache = (gen, count, id_arr, mat)
        return id_arr, mat

    def rank(
        self, store: CorpusStore, query: str, k: int, allowed: set[int] | None
    ) -> list[tuple[int, float]]:
        """(chunk id, cosine similarity) of the `k` nearest chunks that have vectors."""
        ids, mat = self._matrix(store)
        if len(ids) == 0:
            return []
        q = self.embed([query])[0]
        if mat.shape[1] != q.shape[0]:
            raise BackendError(
                _("stored vectors have {stored} dimensions, the model returned {got}").format(
                    stored=mat.shape[1], got=q.shape[0]
                )
            )
        sims = mat @ q
        if allowed is not None:
            sims = np.where(np.isin(ids, list(allowed)), sims, -np.inf)
        order = np.argsort(-sims)[:k]
        return [(int(ids[i]), float(sims[i])) for i in order if np.isfinite(sims[i])]


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text[:200]
