/**
 * The parts of an exported Python file that node functions share, keyed by the name a kind's exporter
 * asks for (`ctx.use`, shared/kinds/exporter.ts): the imports, packages, exception classes and helper
 * definitions each part brings, and how the run's main() holds them. The writer (python.ts) puts in
 * the parts some node asked for, in this table's order, and knows nothing of the kinds behind them.
 */

export interface PythonPart {
  /** Standard-library import lines, after `import asyncio` and `import json`. */
  imports?: readonly string[];
  /** Third-party packages: the import line, and the name `pip install` takes. */
  packages?: readonly { import: string; pip: string }[];
  /** Exception classes the part defines (name: the class's body), before the node functions. */
  exceptions?: Readonly<Record<string, string>>;
  /** Top-level definitions, after the task registry and before the node functions. */
  definitions?: string;
  /** The body of main() around `gathered` (the lines that gather the terminals and return). */
  mainBody?(gathered: readonly string[]): string[];
}

export const PYTHON_PARTS = {
  asText: {
    definitions: [
      'def as_text(value) -> str:',
      '    """A value placed into text: a string as it is, anything else as compact JSON."""',
      '    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False)',
    ].join('\n'),
  },
  quote: { imports: ['from urllib.parse import quote'] },
  errorInfo: {
    definitions: [
      'def error_info(error: BaseException) -> dict:',
      '    """An exception as gather(return_exceptions=True) results carry it."""',
      '    return {"error": {"type": type(error).__name__, "message": str(error.args[0]) if error.args else ""}}',
    ].join('\n'),
  },
  /** One aiohttp session (one connection pool) for the run, and the fetch helper that uses it. */
  fetch: {
    packages: [{ import: 'import aiohttp', pip: 'aiohttp' }],
    exceptions: {
      HTTPError: [
        '    """The server answered with a status of 400 or more."""',
        '',
        '    def __init__(self, message, status):',
        '        super().__init__(message)',
        '        self.status = status',
      ].join('\n'),
      ResponseTooLarge: '    """The response body was larger than MAX_RESPONSE_BYTES."""',
    },
    definitions: `MAX_RESPONSE_BYTES = 10 * 1024 * 1024
session: aiohttp.ClientSession  # one session (one connection pool) for the run, opened by main()


async def fetch(method, url, *, headers=None, json_body=None, data=None, response_type="json", timeout=None):
    """One HTTP request through the run's session, failing as a Flowloop fetch node does."""
    if timeout is None:
        return await _request(method, url, headers, json_body, data, response_type)
    return await asyncio.wait_for(_request(method, url, headers, json_body, data, response_type), timeout)


async def _request(method, url, headers, json_body, data, response_type):
    try:
        async with session.request(method, url, headers=headers, json=json_body, data=data) as response:
            body = bytearray()
            async for chunk in response.content.iter_any():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise ResponseTooLarge(f"response from {url} is larger than the limit of 10 MiB")
            if response.status >= 400:
                raise HTTPError(f"{method} {url} answered {response.status} {response.reason or ''}".rstrip(), response.status)
    except aiohttp.ClientConnectionError as error:
        raise ConnectionError(f"cannot connect to {url}: {error}") from error
    if response_type == "status":
        return response.status
    text = body.decode()
    if response_type == "text":
        return text
    return json.loads(text) if text.strip() else None


async def cancel_unfinished():
    """Cancels the tasks still running, as asyncio.run() does when main() ends, but while the
    session is still open, so that they end cancelled rather than cut off."""
    unfinished = [task for task in node_tasks.values() if not task.done()]
    for task in unfinished:
        task.cancel()
    await asyncio.gather(*unfinished, return_exceptions=True)`,
    mainBody: (gathered) => [
      'global session',
      'async with aiohttp.ClientSession() as session:',
      '    try:',
      ...gathered.map((line) => `        ${line}`),
      '    finally:',
      '        await cancel_unfinished()',
    ],
  },
  /**
   * A fetch with {env.NAME} placeholders (shared/kinds/fetch/export.ts): reads the variables first, as
   * the engine does, and hides their values in an error's message (placeholders.ts hideEnvValues).
   * `os` is imported inside, so that no node function can shadow it. Needs `quote`.
   */
  withEnv: {
    definitions: `async def with_env(names, send):
    """Reads the environment variables a fetch's {env.NAME} placeholders use, then awaits
    send(their values). KeyError for a variable that is not set. In the message of an error the
    request fails with, each value shows as its placeholder, as in Flowloop's own run: the values
    stay out of what is printed."""
    import os
    env = {}
    for name in names:
        if name not in os.environ:
            raise KeyError(f"environment variable {name} is not set")
        env[name] = os.environ[name]
    try:
        return await send(env)
    except Exception as error:
        if error.args and isinstance(error.args[0], str):
            message = error.args[0]
            for name, value in env.items():
                for form in (quote(value, safe="!~*'()"), value):
                    if form:
                        message = message.replace(form, "{env." + name + "}")
            error.args = (message, *error.args[1:])
        raise`,
  },
  jmespath: { packages: [{ import: 'import jmespath', pip: 'jmespath' }] },
  /** Which failures a node's retry catches, when it names some (docs/run-semantics.md, Retries). */
  retryable: {
    definitions: [
      'def retryable(error: Exception, errors: tuple, statuses: tuple) -> bool:',
      '    """Whether a retry catches `error`: its type is listed, or it is an HTTPError with a listed status."""',
      '    if type(error).__name__ in errors:',
      '        return True',
      '    return type(error).__name__ == "HTTPError" and getattr(error, "status", None) in statuses',
    ].join('\n'),
  },
} satisfies Record<string, PythonPart>;

export type PythonHelper = keyof typeof PYTHON_PARTS;

/** The parts in the file's order. */
export const PYTHON_PART_NAMES = Object.keys(PYTHON_PARTS) as PythonHelper[];

/** Python's built-in exceptions: a `raise` of one needs no class in the file. */
export const BUILTIN_EXCEPTIONS: ReadonlySet<string> = new Set([
  'ArithmeticError',
  'AssertionError',
  'AttributeError',
  'BufferError',
  'ConnectionError',
  'EOFError',
  'Exception',
  'FileNotFoundError',
  'ImportError',
  'IndexError',
  'KeyError',
  'LookupError',
  'MemoryError',
  'NameError',
  'NotImplementedError',
  'OSError',
  'OverflowError',
  'PermissionError',
  'RecursionError',
  'ReferenceError',
  'RuntimeError',
  'StopAsyncIteration',
  'TimeoutError',
  'TypeError',
  'UnicodeError',
  'ValueError',
  'ZeroDivisionError',
  'ConnectionRefusedError',
  'ConnectionResetError',
  'BrokenPipeError',
  'ProcessLookupError',
  'InterruptedError',
  'IsADirectoryError',
  'NotADirectoryError',
  'ChildProcessError',
  'FileExistsError',
  'BlockingIOError',
  'ModuleNotFoundError',
  'UnboundLocalError',
  'FloatingPointError',
  'SyntaxError',
  'SystemError',
  'UnicodeDecodeError',
  'UnicodeEncodeError',
]);
