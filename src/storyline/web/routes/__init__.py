"""One router per resource; each page calls the same query functions as its API twin."""
