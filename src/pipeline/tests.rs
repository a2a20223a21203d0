use super::*;
use crate::test_support::person_matcher;

fn pipeline() -> Pipeline {
    let matcher = person_matcher(&[
        ("Vladimir Putin", &["Putin", "President Putin"]),
        ("Irina Volk", &["Volk"]),
        ("Paris", &[]),
    ]);
    Pipeline::new(Splitter::new(Default::default()), Some(matcher))
}

#[test]
fn mentions_know_their_sentence_and_quotes_their_mentions() {
    let text = "Putin spoke.\n\n\"Paris will recover, and Volk agrees,\" Putin said. Volk nodded.";
    let analysis = pipeline().analyze(text);
    let names: Vec<&str> = analysis.mentions.iter().map(|m| m.span.as_str(text)).collect();
    assert_eq!(names, ["Putin", "Paris", "Volk", "Putin", "Volk"]);
    assert_eq!(analysis.mention_sentences, [0, 1, 1, 1, 2]);
    assert_eq!(
        (0..5).map(|m| analysis.mention_paragraph(m)).collect::<Vec<_>>(),
        [0, 1, 1, 1, 1]
    );
    assert_eq!(analysis.quotes.len(), 1);
    assert_eq!(analysis.quote_mentions, vec![Range { start: 1, end: 3 }]);
}

#[test]
fn repeats_and_boilerplate_are_flagged_and_kept() {
    let text = "\"We stand with France,\" Volk said.\n\nAlso read: \"Moscow mourns\"\n\n\
                \"We stand with France,\" Volk said.";
    let analysis = pipeline().analyze(text);
    assert_eq!(
        analysis.paragraphs,
        [
            ParagraphFlags::default(),
            ParagraphFlags {
                repeat_of: None,
                boilerplate: Some(Boilerplate::Link)
            },
            ParagraphFlags {
                repeat_of: Some(0),
                boilerplate: None
            },
        ]
    );
    // Every quote is found, in the link line too; only the first counts.
    assert_eq!(analysis.quotes.len(), 3);
    let counted: Vec<usize> = analysis.counted_quotes().map(|q| q.paragraph).collect();
    assert_eq!(counted, [0]);
}

#[test]
fn batches_equal_one_at_a_time_and_buffers_reuse_cleanly() {
    let p = pipeline();
    let texts = [
        "\"No,\" Putin said.",
        "",
        "Volk: \"Nobody was hurt.\"\n\nVolk: \"Nobody was hurt.\"",
        "   \n\n ",
    ];
    let batch = p.analyze_batch(&texts);
    let mut reused = Analysis::default();
    for (text, expected) in texts.iter().zip(&batch) {
        p.analyze_into(text, &mut reused);
        for analysis in [&p.analyze(text), &reused] {
            assert_eq!(analysis.split, expected.split);
            assert_eq!(analysis.paragraphs, expected.paragraphs);
            assert_eq!(analysis.mentions, expected.mentions);
            assert_eq!(analysis.quotes, expected.quotes);
            assert_eq!(analysis.quote_mentions, expected.quote_mentions);
        }
    }
    assert_eq!(batch[0].quotes[0].entity.map(|e| e as usize), Some(0));
    assert!(batch[1].quotes.is_empty() && batch[1].paragraphs.is_empty());
    assert_eq!(batch[2].counted_quotes().count(), 1);
}

#[test]
fn without_a_matcher_there_are_no_mentions() {
    let analysis = Pipeline::default().analyze("\"Yes,\" Putin said.");
    assert!(analysis.mentions.is_empty());
    assert_eq!(analysis.quote_mentions, vec![Range { start: 0, end: 0 }]);
}
