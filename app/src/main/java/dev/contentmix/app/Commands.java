package dev.contentmix.app;

import dev.contentmix.analyzer.AnalyzerCommand;
import dev.contentmix.analyzer.classify.ClassifyCommand;
import dev.contentmix.analyzer.classify.EvaluateCommand;
import dev.contentmix.analyzer.classify.TrainCommand;
import dev.contentmix.app.bench.BenchCommand;
import dev.contentmix.dashboard.DashboardCommand;
import dev.contentmix.producer.CheckCommand;
import dev.contentmix.producer.GenerateCommand;
import dev.contentmix.producer.PolicyCommand;
import dev.contentmix.producer.PublishCommand;
import picocli.CommandLine;

/** Registers the commands of the producer, the classifier and the tools with the launcher. */
final class Commands {
    private Commands() {
    }

    static void addAll(CommandLine cl) {
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new AnalyzerCommand());
        cl.addSubcommand(new PublishCommand());
        cl.addSubcommand(new GenerateCommand());
        cl.addSubcommand(new CheckCommand());
        cl.addSubcommand(new PolicyCommand());
        cl.addSubcommand(new DashboardCommand());
        cl.addSubcommand(new TrainCommand());
        cl.addSubcommand(new EvaluateCommand());
        cl.addSubcommand(new ClassifyCommand());
        cl.addSubcommand(new BenchCommand());
        cl.addSubcommand(new CommandLine.HelpCommand());
    }
}
