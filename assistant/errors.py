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
