"""The one exception type the command line turns into a clean error message."""


class PipelineError(Exception):
    """A problem the user can fix: the message names the file and what to do.

    The CLI prints it as one line on stderr and exits non-zero, never with a traceback.
    """
