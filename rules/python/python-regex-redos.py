import re

# ruleid: python-regex-redos
EMAIL = re.compile(r"^([a-zA-Z0-9]+)*@example\.com$")
# ok: python-regex-redos
EMAIL_SAFE = re.compile(r"^[a-zA-Z0-9]+@example\.com$")
# ok: python-regex-redos
VERSION = re.compile(r"^(\d+\.)*\d+$")
# ok: python-regex-redos
CSV_ROW = re.compile(r"^\w+(\s*,\s*\w+)*$")


def words(text):
    # ruleid: python-regex-redos
    return re.match(r"^(\w+\s?)*$", text)


def words_safe(text):
    # ok: python-regex-redos
    return re.match(r"^\w+(\s\w+)*$", text)


def strip(text):
    # ruleid: python-regex-redos
    return re.sub("(\\s*\\w+)*;", "", text)


def bounded(text):
    # ok: python-regex-redos
    return re.search(r"(ab){1,3}", text)


# ok: python-regex-redos
QUOTED = re.compile(r"^\s*=\s*\"([^\"\\]*(?:\\.[^\"\\]*)*)\"")
# ok: python-regex-redos
KEYWORDS = re.compile(r"^\w+(?:\s+\w+)*$")
