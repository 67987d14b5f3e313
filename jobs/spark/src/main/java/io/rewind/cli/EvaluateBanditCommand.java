package io.rewind.cli;

import io.rewind.formats.TableFormat;
import io.rewind.jobs.evaluate.BanditEstimation;
import io.rewind.jobs.evaluate.BanditEstimator;
import io.rewind.jobs.evaluate.BanditEvaluation;
import io.rewind.jobs.evaluate.BanditEvaluationConfig;
import io.rewind.jobs.evaluate.PolicySource;
import io.rewind.jobs.evaluate.RewardModelKind;
import io.rewind.jobs.evaluate.SplitSelection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bandit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a target policy on joined interactions (one decision per row): IPS, SNIPS, DM and"
                + " the DR family, the logged policy's value, and the difference to an incumbent.")
public final class EvaluateBanditCommand implements Callable<Integer> {
    @Mixin
    EvaluationOptions common = new EvaluationOptions();

    @Mixin
    MappedLogOptions mapped = new MappedLogOptions();

    @Mixin
    PropensityOptions propensities = new PropensityOptions();

    @Option(names = "--split", defaultValue = "all", description = "rows of the split to use: ${COMPLETION-CANDIDATES}"
            + " (default ${DEFAULT-VALUE})")
    SplitSelection split;

    @Option(names = "--observed-only", description = "leave out interactions whose reward was never observed (right"
            + " when rewards go missing independently of the action); by default the join's default reward is"
            + " their outcome. The report says how many there were and how they were counted")
    boolean observedOnly;

    @Option(names = "--target", split = ",",
            description = "a decisions table with the target policy's action_probs for the same events")
    List<String> target;

    @Option(names = "--target-format", defaultValue = "jsonl",
            description = "format of --target: jsonl, csv, parquet or delta (default ${DEFAULT-VALUE})")
    String targetFormat;

    @Option(names = "--target-column",
            description = "or: a column of the input with the target's probabilities, in the order of actions")
    String targetColumn;

    @Option(names = "--target-model", description = "or: a saved Rewind bandit model (rewind train-bandit) whose"
            + " distribution over each row's candidates is the target")
    String targetModel;

    @Option(names = "--incumbent", split = ",", description = "a second policy (decisions table) to compare with")
    List<String> incumbent;

    @Option(names = "--incumbent-format", defaultValue = "jsonl",
            description = "format of --incumbent: jsonl, csv, parquet or delta (default ${DEFAULT-VALUE})")
    String incumbentFormat;

    @Option(names = "--incumbent-model", description = "or: a saved Rewind bandit model as the incumbent")
    String incumbentModel;

    @Option(names = "--estimators", defaultValue = "ips,snips,dm,dr,sndr", split = ",",
            converter = BanditEstimator.Converter.class,
            description = "any of ips, snips, dm, dr, sndr, switch-dr, dros, and for large catalogues mips, snmips"
                    + " (on the candidates' features as embeddings; they need action_probs) (default"
                    + " ${DEFAULT-VALUE})")
    List<BanditEstimator> estimators;

    @Option(names = "--clip", defaultValue = "Infinity", description = "IPS weight clipping threshold (default"
            + " ${DEFAULT-VALUE})")
    double clip;

    @Option(names = "--tau", defaultValue = "100", description = "Switch-DR weight threshold (default"
            + " ${DEFAULT-VALUE})")
    double tau;

    @Option(names = "--lambda", defaultValue = "100", description = "DRos shrinkage lambda (default ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--folds", defaultValue = "3", description = "cross-fitting folds of the reward model (default"
            + " ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--reward-model", defaultValue = "glm", description = "learner of the cross-fitted reward"
            + " model for DM and the DR family: glm (logistic regression for binary rewards, ridge otherwise, fitted"
            + " by Newton's method from statistics summed on the executors), ridge (one pass; q̂ clipped to [0, 1] for"
            + " binary rewards) or mllib (Spark MLlib on one row per candidate: slower) (default ${DEFAULT-VALUE})")
    RewardModelKind rewardModel;

    @Option(names = "--propensity-sensitivity", defaultValue = "1.5", description = "when propensities were"
            + " estimated (--propensities estimate): report how far SNIPS can move if each fitted propensity's odds"
            + " are off by up to this factor Γ, 1 or more (default ${DEFAULT-VALUE})")
    double sensitivity;

    void checkInputs() {
        LocalInputs.exist("--data", common.data);
        LocalInputs.exist("--target", target);
        LocalInputs.exist("--incumbent", incumbent);
        LocalInputs.banditModel("--target-model", targetModel);
        LocalInputs.banditModel("--incumbent-model", incumbentModel);
    }

    BanditEvaluationConfig config() {
        PolicySource t = new PolicySource(target, TableFormat.parse(targetFormat), targetColumn, targetModel);
        PolicySource i = new PolicySource(incumbent, TableFormat.parse(incumbentFormat), null, incumbentModel);
        return new BanditEvaluationConfig(common.input(mapped.read(propensities::apply)), split, observedOnly, t, i,
                new BanditEstimation(estimators, clip, tau, lambda, folds, rewardModel, sensitivity),
                common.intervals(), common.outputs());
    }

    @Override
    public Integer call() {
        BanditEvaluationConfig c = config();
        return common.run("evaluate bandit", this::checkInputs, spark -> BanditEvaluation.run(spark, c));
    }
}
