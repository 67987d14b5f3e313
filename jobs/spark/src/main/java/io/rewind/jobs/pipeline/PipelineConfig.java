package io.rewind.jobs.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A retraining pipeline's settings, read from YAML (the same file the Airflow DAG generator reads). Paths may
 * contain {@code {interval}}, replaced by the data interval being processed (for example {@code 2026-05-01}).
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"schedule", "start_date", "retries", "spark_submit", "status_dir",
        "status_submit"})
public record PipelineConfig(
        @JsonProperty(value = "experiment", required = true) String experiment,
        @JsonProperty(value = "registry", required = true) String registry,
        @JsonProperty(value = "decisions", required = true) String decisions,
        @JsonProperty(value = "rewards", required = true) String rewards,
        @JsonProperty("logs_format") String logsFormat,
        @JsonProperty(value = "interactions", required = true) String interactions,
        @JsonProperty(value = "models", required = true) String models,
        @JsonProperty("learner") String learner,
        @JsonProperty("reduction") String reduction,
        @JsonProperty("reward_window") String rewardWindow,
        @JsonProperty("train_ratio") Double trainRatio,
        @JsonProperty("gate") io.rewind.jobs.registry.Gate gate) {

    public PipelineConfig {
        logsFormat = logsFormat == null ? "jsonl" : logsFormat;
        learner = learner == null ? "linucb" : learner;
        reduction = reduction == null ? "mtr" : reduction;
        rewardWindow = rewardWindow == null ? "10m" : rewardWindow;
        trainRatio = trainRatio == null ? 0.8 : trainRatio;
        gate = gate == null ? io.rewind.jobs.registry.Gate.INTERVAL : gate;
    }

    public static PipelineConfig read(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
        try {
            return yaml.readValue(file.toFile(), PipelineConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a pipeline config: " + e.getMessage(), e);
        }
    }
}
