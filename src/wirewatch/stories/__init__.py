"""Stories: grouping articles that report the same real-world events."""
