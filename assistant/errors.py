"""Errors with messages meant for people: Swedish, naming the file and what to do."""


class DialogstodError(Exception):
    """Base for errors the CLI and API show to users as they are."""


class UnreadableFileError(DialogstodError):
    """A file could not be read; the message says which file and why."""


class PacketFormatError(UnreadableFileError):
    """An indicator packet is malformed; the message names the file, the line and the problem."""


class UnknownHuvudmanError(DialogstodError):
    """A huvudman id with no indicator packet in the index."""

    def __init__(self, huvudman_id: str) -> None:
        super().__init__(
            f"Huvudmannen '{huvudman_id}' finns inte i underlaget. Välj en huvudman som har ett "
            "indikatorpaket (se GET /api/huvudman eller `dialogstod huvudman`)."
        )
        self.huvudman_id = huvudman_id


class UnknownConversationError(DialogstodError):
    def __init__(self, conversation_id: str) -> None:
        super().__init__(
            f"Samtalet '{conversation_id}' finns inte (det kan ha tagits bort). "
            "Starta ett nytt samtal genom att utelämna conversation_id."
        )
        self.conversation_id = conversation_id


class ScopeConflictError(DialogstodError):
    """A request tries to move a conversation to another huvudman."""

    def __init__(self, conversation_id: str, current: str | None, requested: str | None) -> None:
        now = f"huvudman '{current}'" if current else "ingen viss huvudman"
        super().__init__(
            f"Samtalet '{conversation_id}' gäller {now} och kan inte byta till '{requested}'. "
            "Starta ett nytt samtal för den huvudmannen."
        )
