package io.gantry.orchestrator.sweep;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a sweep file and checks it against the worker's {@link
 * io.gantry.protocol.catalog.ModelCatalog}. It works on SnakeYAML's node tree rather than on loaded
 * maps, because only the nodes know their line and column; every problem found is reported together
 * in one {@link SweepSpecException}.
 */
public final class SweepSpecParser {

  private SweepSpecParser() {}

  /**
   * Reads and checks the sweep file at {@code file}.
   *
   * @throws SweepSpecException listing every problem, or saying why the file could not be read
   */
  public static SweepSpec parse(Path file) throws SweepSpecException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw fileError(file, "not UTF-8 text");
    } catch (IOException e) {
      throw fileError(file, "cannot read the file: " + e);
    }
    return parse(text, file);
  }

  /**
   * Checks sweep-file text. {@code source} names the text in errors and is where relative dataset
   * paths start from (its folder, or the working directory when it has none); it need not exist.
   *
   * @throws SweepSpecException listing every problem
   */
  public static SweepSpec parse(String yamlText, Path source) throws SweepSpecException {
    NodeReader reader = new NodeReader(source.toString());
    Optional<SweepSpec> spec =
        compose(yamlText, reader, source)
            .flatMap(root -> new SweepFileReader(reader, source, yamlText).read(root));
    if (spec.isEmpty()) {
      throw new SweepSpecException(reader.errors());
    }
    return spec.get();
  }

  private static Optional<Node> compose(String yamlText, NodeReader reader, Path source) {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(yamlText));
    } catch (MarkedYAMLException e) {
      Optional<Mark> mark = syntaxErrorMark(e);
      if (mark.isEmpty()) {
        throw fileError(source, syntaxErrorMessage(e));
      }
      reader.error(mark.get(), "", syntaxErrorMessage(e));
      return Optional.empty();
    } catch (YAMLException e) {
      throw fileError(source, e.getMessage());
    }
    if (root == null) {
      throw fileError(source, "the file is empty");
    }
    return Optional.of(root);
  }

  /** The problem mark points at the offending character; the context mark only at its block. */
  private static Optional<Mark> syntaxErrorMark(MarkedYAMLException e) {
    return Optional.ofNullable(e.getProblemMark())
        .or(() -> Optional.ofNullable(e.getContextMark()));
  }

  private static String syntaxErrorMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    return e.getContext() == null ? problem : e.getContext() + ": " + problem;
  }

  private static SweepSpecException fileError(Path file, String message) {
    return new SweepSpecException(List.of(new SpecError(file.toString(), 0, 0, "", message)));
  }
}
