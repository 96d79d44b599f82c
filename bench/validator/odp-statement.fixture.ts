/**
 * A realistic ODP statement as e-learning content sends it: a learner identified by an HR
 * account, a completed assessment with its definition, a scored result with a duration, and a
 * context tying it to a registration, its course and programme, the profile, and extensions.
 */
export const ODP_STATEMENT = {
  id: '6f1c1a5e-6d0b-4c8e-9a43-0f2b7d5e8c11',
  actor: {
    objectType: 'Agent',
    name: 'Ann Example',
    account: { homePage: 'https://hr.odp.example.gov.uk', name: 'E1234567' },
  },
  verb: {
    id: 'http://adlnet.gov/expapi/verbs/completed',
    display: { 'en-GB': 'completed' },
  },
  object: {
    objectType: 'Activity',
    id: 'https://odp.example.gov.uk/activities/customer-service/unit-3/assessment',
    definition: {
      name: { 'en-GB': 'Customer service, unit 3: assessment' },
      description: { 'en-GB': 'End-of-unit assessment for handling difficult conversations.' },
      type: 'http://adlnet.gov/expapi/activities/assessment',
      moreInfo: 'https://learning.odp.example.gov.uk/units/customer-service-3',
      extensions: { 'https://odp.example.gov.uk/xapi/extensions/unit-code': 'CS-3' },
    },
  },
  result: {
    score: { scaled: 0.85, raw: 17, min: 0, max: 20 },
    success: true,
    completion: true,
    duration: 'PT24M31.5S',
  },
  context: {
    registration: 'a3d2c1b0-9f8e-4d7c-8b6a-5e4d3c2b1a09',
    contextActivities: {
      parent: [
        {
          objectType: 'Activity',
          id: 'https://odp.example.gov.uk/activities/customer-service/unit-3',
        },
      ],
      grouping: [
        { objectType: 'Activity', id: 'https://odp.example.gov.uk/programmes/odp-level-3' },
      ],
      category: [
        { objectType: 'Activity', id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' },
      ],
    },
    platform: 'ODP Learning',
    language: 'en-GB',
    extensions: {
      'https://odp.example.gov.uk/xapi/extensions/department': 'DWP',
      'https://odp.example.gov.uk/xapi/extensions/attempt': 2,
    },
  },
  timestamp: '2025-03-14T10:42:17.123Z',
};
