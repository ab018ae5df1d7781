"""Load the column's mkdocs.yml through MkDocs, saying what is wrong with it in Vietnamese.

MkDocs logs each bad value in English ("Config value 'docs_dir': The path … isn't an existing
directory.") and then stops with "Aborted with a configuration error!"; a YAML mistake comes
as "MkDocs encountered an error parsing the configuration file: …". This module collects those
and gives one Vietnamese sentence per problem, with the line of a YAML mistake.
"""

import logging
import re
from contextlib import contextmanager

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from site_builder.yaml_problems import explain_yaml_error

_VALUE = re.compile(r"^Config value '(?P<name>[^']+)': (?P<problem>.*)$", re.S)
_PROBLEMS = tuple((re.compile(pattern, re.S), vietnamese) for pattern, vietnamese in (
    (r"^The path '(?P<path>.*)' isn't an existing directory\.$", "không có thư mục {path}"),
    (r"^The path '(?P<path>.*)' isn't an existing file\.$", "không có tệp {path}"),
    (r"^The \"(?P<plugin>.*)\" plugin is not installed$", "chưa cài phần bổ sung (plugin) `{plugin}`"),
    (r"^Unrecognised configuration name: (?P<name>.*)$", "không có mục cấu hình `{name}`"),
    (r"^Required configuration not provided\.$", "thiếu giá trị bắt buộc"),
    (r"^Expected type: (?P<wanted>.*) but received: (?P<got>.*)$", "sai kiểu giá trị (cần {wanted})"),
))


class ConfigUnusable(Exception):
    """mkdocs.yml cannot be used; the message says why, in Vietnamese."""


class _Collected(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _engine_messages():
    """MkDocs' configuration log, kept from the terminal while the file is read."""
    logger = logging.getLogger("mkdocs.config")
    collected, propagate = _Collected(), logger.propagate
    logger.addHandler(collected)
    logger.propagate = False
    try:
        yield collected.messages
    finally:
        logger.removeHandler(collected)
        logger.propagate = propagate


def _in_vietnamese(message: str) -> str:
    value = _VALUE.match(message)
    if not value:
        return message
    for pattern, vietnamese in _PROBLEMS:
        match = pattern.match(value["problem"].strip())
        if match:
            return f"mục `{value['name']}`: {vietnamese.format(**match.groupdict())}"
    return f"mục `{value['name']}` không dùng được ({value['problem'].strip()})"


def load_column_config(config_file: str, **overrides) -> MkDocsConfig:
    """The configuration MkDocs reads from `config_file`, or ConfigUnusable."""
    with _engine_messages() as messages:
        try:
            return load_config(config_file, **overrides)
        except ConfigurationError as error:
            if isinstance(error.__context__, yaml.MarkedYAMLError):
                line, message, hint = explain_yaml_error(error.__context__)
                raise ConfigUnusable(f"{config_file}:{line}: {message} {hint}") from None
            if str(error).startswith("Config file"):
                raise ConfigUnusable(f"Không tìm thấy tệp cấu hình {config_file}.") from None
            raise ConfigUnusable(f"Cấu hình {config_file} không dùng được ({error}).") from None
        except Abort:
            problems = "; ".join(_in_vietnamese(message) for message in messages) or "lỗi cấu hình"
            raise ConfigUnusable(f"Cấu hình {config_file} không dùng được: {problems}.") from None
