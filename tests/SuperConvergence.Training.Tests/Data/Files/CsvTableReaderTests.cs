using SuperConvergence.Core.Datasets;
using SuperConvergence.Testing.Datasets;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Data.Files;

namespace SuperConvergence.Training.Tests.Data.Files;

public sealed class CsvTableReaderTests
{
    [Fact]
    public void A_label_column_and_numeric_features_become_feature_vectors_with_named_classes()
    {
        using var folder = new TemporaryDirectory("sc-csv");
        var path = folder.File("plants.csv");
        File.WriteAllText(path, "width,kind,height\n1.5,rose,2\n\"2.5\",tulip,-3e1\n\n0,rose,0.25\n");

        var content = FileDatasets.ReadContent(new DatasetReference(path, DatasetFileFormat.Csv, LabelColumn: "kind"));

        var all = content.Splits[SplitNames.All];
        Assert.Empty(content.Problems);
        Assert.Equal(["rose", "tulip"], content.ClassNames);
        Assert.Equal(new ImageShape(2, 1, 1), content.Shape);
        Assert.Equal([1.5f, 2, 2.5f, -30, 0, 0.25f], all.Features!);
        Assert.Equal(new byte[] { 0, 1, 0 }, all.Labels);
    }

    [Fact]
    public void Integer_labels_keep_their_numeric_order()
    {
        using var folder = new TemporaryDirectory("sc-csv");
        var path = folder.File("numbers.csv");
        File.WriteAllText(path, "x,label\n1,10\n2,2\n3,0\n");

        var content = FileDatasets.ReadContent(new DatasetReference(path, DatasetFileFormat.Csv));

        Assert.Equal(["0", "2", "10"], content.ClassNames);
        Assert.Equal(new byte[] { 2, 1, 0 }, content.Splits[SplitNames.All].Labels);
    }

    [Fact]
    public void A_non_numeric_cell_is_a_problem_naming_its_row_and_column()
    {
        using var folder = new TemporaryDirectory("sc-csv");
        var path = folder.File("bad.csv");
        File.WriteAllText(path, "a,b,label\n1,2,x\n3,oops,y\n5,6,x\n7,8,y\n");
        var reference = new DatasetReference(path, DatasetFileFormat.Csv);

        var content = FileDatasets.ReadContent(reference);
        var refused = Assert.Throws<DatasetFormatException>(() => FileDatasets.Load(reference));

        Assert.Equal($"{path}: row 2 (line 3), column 'b': 'oops' is not a finite number", Assert.Single(content.Problems).ToString());
        Assert.Equal(3, content.Splits[SplitNames.All].Count);
        Assert.Equal(content.Problems[0].ToString(), refused.Message);
    }

    [Fact]
    public void A_missing_label_column_is_refused_listing_the_columns()
    {
        using var folder = new TemporaryDirectory("sc-csv");
        var path = folder.File("unlabelled.csv");
        File.WriteAllText(path, "a,b\n1,2\n");

        var error = Assert.Throws<DatasetFormatException>(() => FileDatasets.ReadContent(new DatasetReference(path, DatasetFileFormat.Csv, LabelColumn: "class")));

        Assert.Equal($"{path}: has no column 'class' for the labels; its columns are a, b", error.Message);
    }

    [Fact]
    public void A_folder_of_train_val_and_test_csv_files_is_the_given_split()
    {
        using var folder = new TemporaryDirectory("sc-csv");
        TestDatasets.WriteBlobsCsv(folder.File("table/train.csv"), count: 12, features: 3, classes: 2, seed: 1);
        TestDatasets.WriteBlobsCsv(folder.File("table/val.csv"), count: 4, features: 3, classes: 2, seed: 2);
        TestDatasets.WriteBlobsCsv(folder.File("table/test.csv"), count: 6, features: 3, classes: 2, seed: 3);
        var reference = new DatasetReference(Path.Combine(folder.Path, "table"), DatasetFileFormat.Csv);

        var splits = FileDatasets.Split(FileDatasets.ReadContent(reference), reference);

        Assert.Equal((12, 4, 6), (splits.Train.Count, splits.Validation!.Count, splits.Test.Count));
    }
}
