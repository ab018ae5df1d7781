"""The address `serve` listens on, as an editor types it, and why the preview cannot open it.

`-a` accepts `127.0.0.1:8000`, `localhost:8001`, `[::1]:8000`, a host alone (`localhost`,
port 8000) or a port alone (`8001`, on 127.0.0.1); every refusal is a Vietnamese sentence.
"""

import errno
import re
import socket

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
_HINT = "Viết theo dạng `127.0.0.1:8000`, `localhost` hoặc chỉ số cổng, ví dụ `8001`."
_HOST_AND_PORT = re.compile(r"^(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<host>[^:\s\[\]]+))?(?::(?P<port>[^:]*))?$")


class BadAddress(ValueError):
    """The address cannot be used; the message says why and what to type, in Vietnamese."""


def parse_address(address: str) -> tuple[str, int]:
    """(host, port) of `address`, or BadAddress."""
    text = address.strip()
    if text.isdigit():
        host, port_text = DEFAULT_HOST, text
    else:
        match = _HOST_AND_PORT.match(text)
        if not match or not (match["ipv6"] or match["host"]):
            raise BadAddress(f"Địa chỉ `{address}` không hợp lệ. {_HINT}")
        host = match["ipv6"] or match["host"]
        port_text = match["port"] if match["port"] is not None else str(DEFAULT_PORT)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise BadAddress(f"Cổng `{port_text}` không hợp lệ: cổng là một số từ 1 đến 65535. {_HINT}")
    return host, int(port_text)


def cannot_listen(host: str, port: int, error: OSError) -> str:
    """Why the preview cannot listen on host:port, and what to do, in Vietnamese."""
    other = f"`-a {host}:{port + 1 if port < 65535 else 8001}`"
    if error.errno == errno.EADDRINUSE:
        return (f"Cổng {port} đang được một chương trình khác dùng (có thể là một `serve` khác còn chạy). "
                f"Dừng chương trình đó, hoặc chọn cổng khác: {other}.")
    if error.errno == errno.EACCES:
        return f"Không được phép mở cổng {port} (cổng dưới 1024 cần quyền quản trị). Chọn cổng khác: {other}."
    if error.errno == errno.EADDRNOTAVAIL:
        return f"Máy này không có địa chỉ {host}. Dùng `-a 127.0.0.1:{port}` để xem trên chính máy này."
    if isinstance(error, socket.gaierror):
        return f"Không tìm thấy máy `{host}`. Dùng `-a 127.0.0.1:{port}` hoặc `-a localhost:{port}`."
    return f"Không mở được {host}:{port} (mã lỗi {error.errno}). Thử cổng khác: {other}."
