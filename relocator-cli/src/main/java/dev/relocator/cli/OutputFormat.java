package dev.relocator.cli;

/** The {@code -o} output formats; each command documents which of them it supports. */
enum OutputFormat {
  TEXT,
  JSON,
  YAML
}
