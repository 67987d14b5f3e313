package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.jobs.evaluate.PolicySource;
import io.rewind.jobs.evaluate.SlateEvaluation;
import io.rewind.jobs.evaluate.SlateEvaluationConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "slates", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a target ranking policy on slate decisions (ranked top-k lists): standard slate IPS,"
                + " reward-interaction (cascade) IPS and independent (item-position) IPS.")
public final class EvaluateSlatesCommand implements Callable<Integer> {
    @Mixin
    EvaluationOptions common = new EvaluationOptions();

    @Mixin
    MappedLogOptions mapped = new MappedLogOptions();

    @Option(names = "--target", required = true, split = ",",
            description = "a decisions table with the target policy's action_probs over each slate's candidates")
    List<String> target;

    @Option(names = "--target-format", defaultValue = "jsonl",
            description = "format of --target: jsonl, csv, parquet or delta (default ${DEFAULT-VALUE})")
    String targetFormat;

    @Override
    public Integer call() {
        SlateEvaluationConfig c = new SlateEvaluationConfig(common.input(mapped.read()), new PolicySource(target,
                TableFormat.parse(targetFormat), null, null), common.intervals(), common.outputs());
        return common.run("evaluate slates", () -> {
            LocalInputs.exist("--data", common.data);
            LocalInputs.exist("--target", target);
        }, spark -> SlateEvaluation.run(spark, c));
    }
}
