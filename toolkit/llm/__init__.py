"""Model backends behind one small interface: messages in, text and usage out."""

from .backend import Backend, Completion, ContextLengthError, Message, SectionContext, Usage
from .config import LLMConfig, load_config
from .fake import ScriptedBackend
from .offline import OfflineComposer

__all__ = [
    "Backend",
    "Completion",
    "ContextLengthError",
    "LLMConfig",
    "Message",
    "OfflineComposer",
    "ScriptedBackend",
    "SectionContext",
    "Usage",
    "load_config",
]
