package io.rewind.jobs.mapping;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.rewind.jobs.propensity.PropensityEstimation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping file read and located: its {@link TableMapping}, the file's name and the line of each key, so every
 * message about it says where to look. Relative source paths are relative to the mapping file's folder.
 */
public final class Mapping {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String file;
    private final TableMapping spec;
    private final YamlLines lines;
    private final PropensityEstimation propensities;

    private Mapping(String file, TableMapping spec, YamlLines lines, PropensityEstimation propensities) {
        this.file = file;
        this.spec = spec;
        this.lines = lines;
        this.propensities = propensities;
    }

    public static Mapping read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--mapping: cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), text, file.toAbsolutePath().getParent());
    }

    static Mapping parse(String file, String text, Path folder) {
        TableMapping spec;
        YamlLines lines;
        try {
            lines = YamlLines.of(text);
            spec = YAML.readValue(text, TableMapping.class);
        } catch (UnrecognizedPropertyException e) {
            throw new MappingException(file + " line " + e.getLocation().getLineNr() + " (" + dotted(e) + "): unknown"
                    + " key " + e.getPropertyName() + "; the keys here are " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw new MappingException(file + " line " + line(e) + " (" + dotted(e) + "): " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new MappingException(file + " line " + line(e) + ": not YAML the mapping can read: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (spec == null) {
            throw new MappingException(file + ": empty mapping file");
        }
        Mapping m = new Mapping(file, spec, lines, null);
        return m.resolvedAgainst(folder);
    }

    private static int line(JacksonException e) {
        return e.getLocation() == null ? 1 : e.getLocation().getLineNr();
    }

    private static String dotted(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
    }

    public TableMapping spec() {
        return spec;
    }

    /** The tables the mapping has a section for, in {@link MappedTableKind} order. */
    public java.util.List<MappedTableKind> tables() {
        return java.util.Arrays.stream(MappedTableKind.values()).filter(t -> spec.fields(t) != null).toList();
    }

    public String file() {
        return file;
    }

    /** An error about the key at {@code pointer} ({@code /decisions/action}). */
    MappingException error(String pointer, String message) {
        return new MappingException(file + " line " + line(pointer) + " (" + pointer.substring(1)
                .replace('/', '.') + "): " + message);
    }

    /** " (FILE line N)" for the key at {@code pointer}: how a quarantined row's reason names the mapping line. */
    String where(String pointer) {
        return " (" + Path.of(file).getFileName() + " line " + line(pointer) + ")";
    }

    /** The line the key at {@code pointer} is written on (or its closest enclosing key's). */
    int line(String pointer) {
        return lines.line(pointer);
    }

    Mapping with(TableMapping resolved) {
        return new Mapping(file, resolved, lines, propensities);
    }

    /**
     * The same mapping, its decisions' propensities estimated from the log ({@code --propensities estimate}) rather
     * than mapped: action_prob need not be mapped, and whatever is mapped to it or to action_probs is replaced.
     */
    public Mapping withEstimatedPropensities(PropensityEstimation e) {
        return new Mapping(file, spec, lines, e);
    }

    /** How the decisions' propensities are estimated; null when they are mapped from the log. */
    public PropensityEstimation estimatedPropensities() {
        return propensities;
    }

    /** The mapping as YAML, with every category list it found written out. */
    public String toYaml() {
        try {
            return "# the mapping " + file + " as applied, with the categories it found: give it to later runs so"
                    + " they encode categories the same way\n" + YAML.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Mapping resolvedAgainst(Path folder) {
        TableMapping s = spec;
        if (s.source() == null) {
            throw error("/source", "the mapping has no source: give source.format and source.path (or"
                    + " source.table)");
        }
        if (s.fields(MappedTableKind.EPISODES) == null && s.fields(MappedTableKind.DECISIONS) == null
                && s.fields(MappedTableKind.REWARDS) == null) {
            throw error("/", "the mapping maps no table: give decisions and rewards sections, or episodes");
        }
        if ((s.fields(MappedTableKind.DECISIONS) == null) != (s.fields(MappedTableKind.REWARDS) == null)) {
            throw error(s.fields(MappedTableKind.DECISIONS) == null ? "/rewards" : "/decisions", "decisions and"
                    + " rewards are mapped together: give both sections");
        }
        Catalogue c = s.catalogue();
        return with(new TableMapping(resolve(s.source(), folder), resolve(s.rewardsSource(), folder),
                c == null ? null : c.with(resolve(c.source(), folder), c.features()), s.slates(), s.decisions(),
                s.rewards(), s.episodes()));
    }

    private static Source resolve(Source s, Path folder) {
        if (s == null || s.allPaths().isEmpty() || folder == null) {
            return s;
        }
        List<String> out = new ArrayList<>();
        for (String p : s.allPaths()) {
            boolean relative = !p.contains(":") && !p.startsWith("/");
            out.add(relative ? folder.resolve(p).normalize().toString() : p);
        }
        return s.withPaths(out);
    }
}
