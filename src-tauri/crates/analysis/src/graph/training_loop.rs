//! Training-loop escalation (L2 → L1): runtime data that trains a model agents use.
//!
//! When data written at run time reaches a training or fine-tuning pipeline whose model then
//! serves agents, one poisoned input becomes every consuming agent's behaviour. It takes an
//! attacker: the data feeding the pipeline must be reachable by untrusted content (see
//! [`super::untrusted`]). The number of agents using the model is the blast radius, given in the
//! explanation. The trained model may reach service through a registry: models are followed
//! through model artifacts. One finding per pipeline and model it trains.

use super::{PathHit, describe_path};
use crate::context::{Context, Side};
use maestro_catalog::KindTrait;

pub(crate) fn find(cx: &Context) -> Vec<PathHit> {
    let untrusted = cx.untrusted();
    let mut hits = Vec::new();
    for pipeline in (0..cx.model.elements.len()).filter(|&e| cx.has(e, KindTrait::TrainsModels)) {
        // The data it trains on, as far as untrusted content reaches it.
        let Some(&feed) = cx.hops_in[pipeline].iter().find(|&&h| untrusted.raw.reached(cx.hops[h].from)) else {
            continue;
        };
        let source = cx.hops[feed].from;
        let (mut elements, mut flows) = untrusted.raw.path(cx, source);
        elements.push(pipeline);
        flows.push(cx.hops[feed].flow);
        for (model, via) in trained_models(cx, pipeline) {
            let mut consumers: Vec<usize> = cx.hops_out[model]
                .iter()
                .map(|&h| cx.hops[h].to)
                .chain(cx.hops_in[model].iter().map(|&h| cx.hops[h].from))
                .filter(|&e| cx.has(e, KindTrait::Agent))
                .collect();
            consumers.sort_unstable();
            consumers.dedup();
            if consumers.is_empty() {
                continue;
            }
            let mut path = elements.clone();
            let mut path_flows = flows.clone();
            for &h in &via {
                path.push(cx.hops[h].to);
                path_flows.push(cx.hops[h].flow);
            }
            let facts = vec![
                format!("path {}", describe_path(cx, &path)),
                format!("{} agent{} use the model", consumers.len(), if consumers.len() == 1 { "" } else { "s" }),
            ];
            hits.push(PathHit::new(path, path_flows, facts));
        }
    }
    hits
}

/// The models a pipeline's output ends up in, directly or through registries, each with the hops
/// from the pipeline to it.
fn trained_models(cx: &Context, pipeline: usize) -> Vec<(usize, Vec<usize>)> {
    let n = cx.model.elements.len();
    let mut reached_by: Vec<Option<usize>> = vec![None; n];
    let mut seen = vec![false; n];
    seen[pipeline] = true;
    let mut queue = std::collections::VecDeque::from([pipeline]);
    let mut models = Vec::new();
    while let Some(at) = queue.pop_front() {
        for &h in &cx.hops_out[at] {
            let hop = &cx.hops[h];
            if seen[hop.to] || hop.side == Side::Answer {
                continue;
            }
            let (model, artifacts) = (cx.has(hop.to, KindTrait::Model), cx.has(hop.to, KindTrait::ModelArtifacts));
            if !model && !artifacts {
                continue;
            }
            seen[hop.to] = true;
            reached_by[hop.to] = Some(h);
            queue.push_back(hop.to);
            if model || !cx.hops_out[hop.to].iter().any(|&g| cx.has(cx.hops[g].to, KindTrait::Model)) {
                let mut via = Vec::new();
                let mut back = hop.to;
                while let Some(g) = reached_by[back] {
                    via.push(g);
                    back = cx.hops[g].from;
                }
                via.reverse();
                models.push((hop.to, via));
            }
        }
    }
    models
}

#[cfg(test)]
mod tests {
    use super::super::testing::{build, finding, ids, yes};

    fn support(untrusted_tickets: bool) -> crate::Analysis {
        let tickets: &[(&str, maestro_model::PropertyValue)] =
            if untrusted_tickets { &[("untrusted_content", yes())] } else { &[] };
        build()
            .el("tickets", "database", tickets)
            .el("tune", "training-pipeline", &[])
            .el("registry", "model-registry", &[])
            .el("model", "llm", &[])
            .el("agent", "agent", &[])
            .flow("f1", "tickets", "tune", &[])
            .flow("f2", "tune", "registry", &[])
            .flow("f3", "registry", "model", &[])
            .call("f4", "agent", "model")
            .analyse()
    }

    #[test]
    fn outsiders_text_trains_the_model_agents_use_through_a_registry() {
        let analysis = support(true);
        let lp = finding(&analysis, "cross-agent-learning-poisoning:tickets->model");
        assert_eq!(lp.path, ["tickets", "f1", "tune", "f2", "registry", "f3", "model"]);
        assert!(lp.explanation.contains("1 agent use the model"), "{}", lp.explanation);
    }

    #[test]
    fn data_no_outsider_reaches_is_no_training_loop() {
        assert!(ids(&support(false), "cross-agent-learning-poisoning").is_empty());
    }
}
