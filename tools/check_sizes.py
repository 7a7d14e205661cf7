#!/usr/bin/env python3
"""Checks the size rules of src/: no file over 1,000 lines, no function in a
non-test .cc file over 150 lines (from its opening brace to its closing one).

  tools/check_sizes.py [SRC_DIR]      exit 1 and one line per breach

Functions are found by brace matching on the text with comments, strings
and character literals blanked out: a block opened at namespace or class
level whose header holds a parameter list is a function; lambdas and
nested blocks count towards the function around them.
"""
import pathlib
import re
import sys

MAX_FILE_LINES = 1000
MAX_FUNCTION_LINES = 150

_TOKEN = re.compile(r'^[ \t]*#(?:\\\n|[^\n])*|//[^\n]*|/\*.*?\*/|R"(?P<d>[^(]*)\(.*?\)(?P=d)"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                    re.S | re.M)


def blank(text):
    """Preprocessor lines, comments, strings and character literals replaced by spaces; newlines kept."""
    return _TOKEN.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text)


def long_functions(text):
    """(first line, lines, header) of each function longer than the limit."""
    code = blank(text)
    stack = []  # kinds of the open blocks: 'scope', 'function', 'block'
    header_start = 0
    found = []
    open_function = None
    for i, ch in enumerate(code):
        if ch == '{':
            header = code[header_start:i]
            inside_function = any(kind == 'function' for kind in stack)
            if inside_function:
                stack.append('block')
            elif re.search(r'\b(namespace|class|struct|union|enum)\b', header.split('(')[0]) or 'extern' in header:
                stack.append('scope')
            elif ')' in header:
                stack.append('function')
                open_function = (i, ' '.join(header.split())[-80:])
            else:
                stack.append('block')
            header_start = i + 1
        elif ch == '}':
            kind = stack.pop() if stack else 'block'
            if kind == 'function' and open_function is not None:
                start, header = open_function
                first = code.count('\n', 0, start) + 1
                lines = code.count('\n', start, i) + 1
                if lines > MAX_FUNCTION_LINES:
                    found.append((first, lines, header))
                open_function = None
            header_start = i + 1
        elif ch == ';' and not any(kind == 'function' for kind in stack):
            header_start = i + 1
    return found


def main():
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else 'src')
    breaches = []
    for path in sorted(src.rglob('*')):
        if path.suffix not in ('.cc', '.h') or not path.is_file():
            continue
        text = path.read_text(encoding='utf-8', errors='replace')
        lines = text.count('\n')
        if lines > MAX_FILE_LINES:
            breaches.append(f'{path}: {lines} lines (at most {MAX_FILE_LINES})')
        if path.suffix == '.cc' and not path.name.endswith('_test.cc'):
            for first, count, header in long_functions(text):
                breaches.append(f'{path}:{first}: function of {count} lines (at most '
                                f'{MAX_FUNCTION_LINES}): {header}')
    for line in breaches:
        print(line)
    return 1 if breaches else 0


if __name__ == '__main__':
    sys.exit(main())
