package org.bnsl.cli;

import static org.bnsl.Numbers.format;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.bnsl.InputException;
import org.bnsl.io.model.ModelFile;
import org.bnsl.io.render.Json;
import org.bnsl.io.render.TransferReport;
import org.bnsl.data.Table;
import org.bnsl.plan.Transfer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bnsl transfer}: the transfer law of Hernandez et al. 2021 ({@link Transfer}) from a fitted
 * from-scratch law in N and D and a table of fine-tuned runs.
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The effective data transferred by pre-training (Hernandez et al. 2021): for",
            "each fine-tuned run D_T = D_E − D_F, where D_E is the data the from-scratch law",
            "(a model file in N and D) needs to reach the run's loss at its N; then the fit",
            "D_T = k·D_F^α·N^β with bootstrap intervals."})
final class TransferCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRATCH.json", description = "model file of the from-scratch law L(N, D)")
    Path scratch;

    @Option(names = "--group", paramLabel = "NAME", description = "the group of the model file")
    String group;

    @Option(names = "--runs", required = true, paramLabel = "FILE.csv", description = "the fine-tuned runs")
    Path runs;

    @Option(names = "--params", paramLabel = "COL", defaultValue = "params", description = "column of N (default: ${DEFAULT-VALUE})")
    String paramsCol;

    @Option(names = "--finetune-tokens", paramLabel = "COL", defaultValue = "finetune_tokens",
            description = "column of D_F, the fine-tuning tokens (default: ${DEFAULT-VALUE})")
    String tokensCol;

    @Option(names = "--y", paramLabel = "COL", defaultValue = "loss", description = "column of the fine-tuned loss (default: ${DEFAULT-VALUE})")
    String yCol;

    @CommandLine.Mixin
    ResampleOptions boot = new ResampleOptions();

    @Option(names = "--json", description = "write JSON to stdout")
    boolean json;

    @Override
    public Integer call() {
        boot.check(spec.commandLine());
        ModelFile.Entry e = ResampleOptions.oneSeries(scratch, group, spec.commandLine());
        if (!e.law().variables().equals(List.of("N", "D"))) {
            throw new InputException(scratch + ": the from-scratch law must be a law in N and D; law '" + e.law().name()
                    + "' takes " + String.join(", ", e.law().variables()));
        }
        Table t = Table.read(runs);
        int cn = t.column(paramsCol);
        int cd = t.column(tokensCol);
        int cy = t.column(yCol);
        List<Transfer.Run> rs = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            double n = t.number(r, cn);
            double d = t.number(r, cd);
            if (!(n > 0) || !(d > 0)) {
                throw new InputException(runs + ":" + t.line(r) + ": column " + Table.quote(n > 0 ? tokensCol : paramsCol)
                        + ": must be positive, got " + format(n > 0 ? d : n));
            }
            rs.add(new Transfer.Run(runs + ":" + t.line(r), n, d, t.number(r, cy)));
        }
        Transfer.Result res = Transfer.fit(e.law(), e.parameters(), e.xOffset(), rs, boot.resamples, boot.seed, boot.level);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Json.write(TransferReport.json(res)) : TransferReport.text(e.law().formula(), scratch.toString(), res));
        out.flush();
        return Main.OK;
    }
}
