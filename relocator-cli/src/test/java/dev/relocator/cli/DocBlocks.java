package dev.relocator.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced blocks of a Markdown page, each with the HTML comment directly before its fence (its
 * mark), and the page's registry comments: what {@code DocsIT} runs. Pure: text in, blocks out.
 *
 * <p>Marks: {@code <!-- not run: REASON -->} (a shell block the test does not run, and why),
 * {@code <!-- file: PATH -->} (the block is a file the reader writes: the test writes it there),
 * {@code <!-- output -->} (the block shows the output of the shell block before it),
 * {@code <!-- exit: N -->} (the shell block's last command exits N). A page's
 * {@code <!-- registry: HOST:PORT -->} (optionally {@code with the test images}) asks for a
 * loopback registry standing in for that name.
 */
record DocBlocks(String page, List<Block> blocks, List<Registry> registries, List<String> problems) {
  /** The languages whose blocks are commands; zsh's cannot run in the test's bash session, so they must be marked. */
  static final Set<String> SHELL = Set.of("bash", "sh", "console", "zsh");

  private static final Pattern FENCE = Pattern.compile("^( *)(```+)\\s*(\\S*)\\s*$");
  private static final Pattern COMMENT = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");
  private static final Pattern MARK = Pattern.compile("(not run|file|output|exit)\\s*(?::\\s*(.*))?");
  private static final Pattern REGISTRY = Pattern.compile("registry:\\s*(\\S+)(\\s+with the test images)?");

  /** One fenced block: its fence's line (1-based), language, mark ("" when none) and text without indentation. */
  record Block(int line, String language, String mark, String argument, String text) {
    boolean shell() {
      return SHELL.contains(language);
    }

    boolean runs() {
      return shell() && !mark.equals("not run") && !language.equals("zsh");
    }

    /** The console block's commands ({@code $ } lines, with their {@code \} continuations) and the output shown after each. */
    List<Command> commands() {
      List<Command> commands = new ArrayList<>();
      if (!language.equals("console")) {
        return List.of(new Command(text, null));
      }
      StringBuilder command = null;
      StringBuilder output = null;
      boolean continued = false;
      for (String line : text.lines().toList()) {
        if (continued) {
          command.append('\n').append(line);
          continued = line.endsWith("\\");
        } else if (line.startsWith("$ ")) {
          if (command != null) {
            commands.add(new Command(command.toString(), output.toString()));
          }
          command = new StringBuilder(line.substring(2));
          output = new StringBuilder();
          continued = line.endsWith("\\");
        } else if (command != null) {
          output.append(line).append('\n');
        }
      }
      if (command != null) {
        commands.add(new Command(command.toString(), output.toString()));
      }
      return commands;
    }
  }

  /** A command and the output the page shows for it ({@code null}: none shown; "" shown as empty). */
  record Command(String text, String output) {}

  /** A registry name the page uses, for which the test starts one on loopback. */
  record Registry(String name, boolean seeded) {}

  static DocBlocks parse(String page, String markdown) {
    List<Block> blocks = new ArrayList<>();
    List<Registry> registries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    String previous = "";
    for (int i = 0; i < lines.length; i++) {
      Matcher comment = COMMENT.matcher(lines[i]);
      if (comment.matches()) {
        Matcher registry = REGISTRY.matcher(comment.group(1));
        if (registry.matches()) {
          registries.add(new Registry(registry.group(1), registry.group(2) != null));
        }
      }
      Matcher fence = FENCE.matcher(lines[i]);
      if (!fence.matches()) {
        if (!lines[i].isBlank()) {
          previous = lines[i];
        }
        continue;
      }
      int start = i;
      String indent = fence.group(1);
      String language = fence.group(3);
      StringBuilder text = new StringBuilder();
      for (i++; i < lines.length && !lines[i].strip().equals(fence.group(2)); i++) {
        text.append(lines[i].startsWith(indent) ? lines[i].substring(indent.length()) : lines[i].strip()).append('\n');
      }
      String where = page + ":" + (start + 1) + ": ";
      if (i == lines.length) {
        problems.add(where + "a fence that is never closed");
      }
      if (language.isEmpty()) {
        problems.add(where + "a fence without a language: label it (bash, console, text, yaml, ...) so the docs test "
            + "knows whether it holds commands");
      }
      String mark = "";
      String argument = "";
      Matcher before = COMMENT.matcher(previous);
      if (before.matches() && !REGISTRY.matcher(before.group(1)).matches()) {
        Matcher m = MARK.matcher(before.group(1));
        if (!m.matches()) {
          problems.add(where + "unknown mark <!-- " + before.group(1) + " -->: expected not run: REASON, file: PATH, "
              + "output or exit: N");
        } else {
          mark = m.group(1);
          argument = m.group(2) == null ? "" : m.group(2).strip();
          if (!mark.equals("output") && argument.isEmpty()) {
            problems.add(where + "<!-- " + mark + ": --> needs " + (mark.equals("not run") ? "a reason" : "a value"));
          }
          if ((mark.equals("not run") || mark.equals("exit")) && !SHELL.contains(language)) {
            problems.add(where + "<!-- " + mark + " --> marks a " + language + " block, not a shell block");
          }
        }
      }
      if (language.equals("zsh") && !mark.equals("not run")) {
        problems.add(where + "a zsh block cannot run in the test's bash session: mark it <!-- not run: REASON -->");
      }
      blocks.add(new Block(start + 1, language, mark, argument, text.toString()));
      previous = "";
    }
    return new DocBlocks(page, List.copyOf(blocks), List.copyOf(registries), List.copyOf(problems));
  }

  /** The shell block an {@code <!-- output -->} block shows the output of: the nearest run block before it. */
  Optional<Block> shownBy(Block output) {
    Block shell = null;
    for (Block b : blocks) {
      if (b == output) {
        return Optional.ofNullable(shell);
      }
      if (b.shell()) {
        shell = b;
      }
    }
    return Optional.empty();
  }
}
