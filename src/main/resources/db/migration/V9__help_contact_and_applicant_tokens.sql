-- Issue 23. An exam names whom applicants call when they are stuck (a phone number and office
-- hours); null: the configured default (app.help-contact) is shown.
alter table exam add column help_contact varchar(200);

-- An applicant's tokens carry the generation current when they were issued; an administrator's
-- password reset moves it on, so that the tokens issued before the reset stop working at once.
alter table applicant add column token_generation bigint not null default 0;
