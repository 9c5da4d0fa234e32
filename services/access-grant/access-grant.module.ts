import { Module } from '@nestjs/common';
import { Topics } from '@osteo/contracts';
import {
  AccessModule,
  asPrivateEnvelope,
  EmailDigests,
  PLATFORM_CONFIG,
  type PlatformConfig,
  rebuildableAccessReadModels,
  SealedEmails,
  SealedPracticeContacts,
  ServiceInfrastructureModule,
} from '@osteo/platform';
import { AcceptInvitationHandler } from './application/accept-invitation/accept-invitation.handler';
import { AccountDirectory } from './application/account-directory/account-directory';
import { AccountErasureReactor } from './application/account-erasure/account-erasure.reactor';
import { AccountNames, accountNamesProjection } from './application/account-names/account-names';
import { ChangeCabinetHandler } from './application/change-cabinet/change-cabinet.handler';
import { ChangeReminderSettingsHandler } from './application/change-reminder-settings/change-reminder-settings.handler';
import { CabinetReminderSettings, cabinetReminderSettingsProjection } from './application/cabinet-reminder-settings/cabinet-reminder-settings';
import { ChangeDelegationHandler } from './application/change-delegation/change-delegation.handler';
import { CloseCabinetHandler } from './application/close-cabinet/close-cabinet.handler';
import { DelegationActivationReactor } from './application/delegation-activation/delegation-activation.reactor';
import { DelegationOwnership } from './application/access/delegation-ownership';
import { GrantDelegationHandler } from './application/grant-delegation/grant-delegation.handler';
import { invitationsProjection } from './application/invitations/invitations.projection';
import { InviteeAddressesReactor } from './application/invitee-addresses/invitee-addresses.reactor';
import { InviteeAddresses, inviteeAddressesProjection } from './application/invitee-addresses/invitee-addresses.projection';
import { InviteColleagueHandler } from './application/invite-colleague/invite-colleague.handler';
import { ListColleaguesQuery } from './application/list-colleagues/list-colleagues.query';
import { ListDelegationsQuery } from './application/list-delegations/list-delegations.query';
import { ListInvitationsQuery } from './application/list-invitations/list-invitations.query';
import { ListCabinetsQuery } from './application/list-cabinets/list-cabinets.query';
import { ListPractitionersQuery } from './application/list-practitioners/list-practitioners.query';
import { OpenCabinetHandler } from './application/open-cabinet/open-cabinet.handler';
import { OwnedCabinets } from './application/access/owned-cabinets';
import { accessGrantPersonalData } from './application/personal-data/access-grant-personal-data';
import { cabinetColleaguesProjection } from './application/cabinet-colleagues/cabinet-colleagues.projection';
import { toAccessPublicEvent } from './application/publishing/access-public-events';
import { RemoveColleagueHandler } from './application/remove-colleague/remove-colleague.handler';
import { RevokeDelegationHandler } from './application/revoke-delegation/revoke-delegation.handler';
import { DelegationsController } from './interface/delegations.controller';
import { InvitationsController } from './interface/invitations.controller';
import { CabinetsController } from './interface/cabinets.controller';

const infrastructure = ServiceInfrastructureModule.forService({
  name: 'access-grant',
  publishes: { topic: Topics.access, toIntegrationEvent: toAccessPublicEvent },
  // identity.events: the names of accounts, shown next to their ids in the owner's lists.
  projections: {
    topics: [Topics.access, Topics.identity],
    projections: [invitationsProjection, cabinetColleaguesProjection, cabinetReminderSettingsProjection, accountNamesProjection],
  },
  // access.events is this service's own topic: here, and only here, the access projection is rebuilt from its store.
  rebuildable: {
    ...rebuildableAccessReadModels,
    invitations: { projection: invitationsProjection, fedBy: 'published' },
    colleagues: { projection: cabinetColleaguesProjection, fedBy: 'published' },
    'reminder-settings': { projection: cabinetReminderSettingsProjection, fedBy: 'published' },
    'invitee-addresses': { projection: inviteeAddressesProjection, fedBy: asPrivateEnvelope },
  },
  personalData: accessGrantPersonalData,
});

/** Cabinets, colleagues and delegations: the source of truth for who may do what where. */
@Module({
  imports: [infrastructure, AccessModule.over(infrastructure)],
  controllers: [CabinetsController, InvitationsController, DelegationsController],
  providers: [
    // Addresses typed by owners are matched against identity's digests (AccountRegistered v2).
    { provide: EmailDigests, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => EmailDigests.from(config) },
    // A delegation's grantee address travels sealed (DelegationGranted v2); the owner's list opens it.
    { provide: SealedEmails, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => SealedEmails.from(config) },
    // A practice's address and phone travel sealed (CabinetOpened v2, CabinetReminderSettingsChanged v2); its answers open them.
    { provide: SealedPracticeContacts, inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => SealedPracticeContacts.from(config) },
    AccountDirectory,
    AccountNames,
    CabinetReminderSettings,
    InviteeAddresses,
    InviteeAddressesReactor,
    OwnedCabinets,
    DelegationOwnership,
    OpenCabinetHandler,
    ChangeCabinetHandler,
    ChangeReminderSettingsHandler,
    CloseCabinetHandler,
    InviteColleagueHandler,
    AcceptInvitationHandler,
    RemoveColleagueHandler,
    GrantDelegationHandler,
    ChangeDelegationHandler,
    RevokeDelegationHandler,
    ListCabinetsQuery,
    ListDelegationsQuery,
    ListInvitationsQuery,
    ListPractitionersQuery,
    ListColleaguesQuery,
    DelegationActivationReactor,
    AccountErasureReactor,
  ],
})
export class AccessGrantModule {}
