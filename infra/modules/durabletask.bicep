// Durable Task Scheduler and task hub: the managed Durable Functions backend. One orchestration per
// Kafka trigger batch costs a few actions, which a scheduler capacity unit sustains at far higher rates
// than the Azure Storage backend.

@description('Scheduler name (letters, digits and hyphens, 3-64).')
param name string

@description('Task hub name.')
param taskHubName string

@description('Azure region (must offer the Durable Task Scheduler).')
param location string

@description('Tags applied to the scheduler.')
param tags object = {}

@allowed([
  'Consumption'
  'Dedicated'
])
@description('Consumption bills per action; Dedicated reserves capacity units for steady high throughput.')
param skuName string = 'Consumption'

@minValue(1)
@description('Capacity units; used by the Dedicated SKU only.')
param capacity int = 1

@description('IP ranges allowed to reach the scheduler. An empty list denies all traffic, so keep at least one entry.')
param ipAllowlist array = [
  '0.0.0.0/0'
]

@description('Principal id of the function app identity (gets Durable Task Data Contributor).')
param appPrincipalId string

@description('Optional developer principal for the scheduler dashboard.')
param developerPrincipalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param developerPrincipalType string = 'User'

// Built-in role: Durable Task Data Contributor.
var durableTaskDataContributorRoleId = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    ipAllowlist: ipAllowlist
    // Capacity only applies to Dedicated; Consumption scales on its own.
    sku: skuName == 'Dedicated'
      ? {
          name: skuName
          capacity: capacity
        }
      : {
          name: skuName
        }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

resource appContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, appPrincipalId, durableTaskDataContributorRoleId)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributorRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource developerContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(developerPrincipalId)) {
  name: guid(scheduler.id, developerPrincipalId, durableTaskDataContributorRoleId)
  scope: scheduler
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributorRoleId)
    principalId: developerPrincipalId
    principalType: developerPrincipalType
  }
}

output name string = scheduler.name
output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
