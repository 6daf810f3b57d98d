// Synthetic agents: staking agents (validators, nominators), the exogenous BAI price, and the marketplace
// population (sim/agents/marketplace). Plugged into runs through sim/runner/plugins.ts (WORLD_PLUGINS).
export { agentsSection, agentsFromScenario, outsideYieldOn, type AgentsSection, type AgentsConfig } from './config.js';
export { stakingAgentsPlugin, agentsSectionOf, StakingAgents, type StakingAgentsState } from './plugin.js';
export { decideValidator, decideNominator, bestTargets, meanYield, type AgentRng, type StakerStatus } from './behaviours.js';
export { buildSurvey, validatorIncomeBai, type Survey, type SurveyEntry, type SurveyReads } from './survey.js';
export { gbmStep, parsePriceCsv, readPriceCsv, csvPriceOn, civilDay, PriceCsvError } from './price.js';
export { buildStakingPopulation, validatorAgentId, nominatorAgentId, sampleDistinct } from './population.js';
